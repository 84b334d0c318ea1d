import { InitReactivationCampaigns1763900000003 } from './migrations/1763900000003-InitReactivationCampaigns';
import { AddOutboxFailedAndDeadLetterOverflow1796140000000 } from './migrations/1796140000000-AddOutboxFailedAndDeadLetterOverflow';
import { MerchantProjections1797000000000 } from './migrations/1797000000000-MerchantProjections';
import { CampaignsAndEnrolments1797000000001 } from './migrations/1797000000001-CampaignsAndEnrolments';
import { AddOutreach1797100000000 } from './migrations/1797100000000-AddOutreach';

/** Every migration of reactivation-campaigns, in order. */
export const reactivationMigrations = [
  InitReactivationCampaigns1763900000003,
  AddOutboxFailedAndDeadLetterOverflow1796140000000,
  MerchantProjections1797000000000,
  CampaignsAndEnrolments1797000000001,
  AddOutreach1797100000000,
];
