import { InitReactivationCampaigns1763900000003 } from './migrations/1763900000003-InitReactivationCampaigns';
import { AddOutboxFailedAndDeadLetterOverflow1796140000000 } from './migrations/1796140000000-AddOutboxFailedAndDeadLetterOverflow';
import { LoyaltyLedger1797700000000 } from './migrations/1797700000000-LoyaltyLedger';
import { LoyaltyReferrals1797700000200 } from './migrations/1797700000200-LoyaltyReferrals';

/** Every migration of reactivation-campaigns, in order. */
export const reactivationMigrations = [
  InitReactivationCampaigns1763900000003,
  AddOutboxFailedAndDeadLetterOverflow1796140000000,
  LoyaltyLedger1797700000000,
  LoyaltyReferrals1797700000200,
];
