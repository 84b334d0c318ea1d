import { InitReactivationCampaigns1763900000003 } from './migrations/1763900000003-InitReactivationCampaigns';
import { AddOutboxFailedAndDeadLetterOverflow1796140000000 } from './migrations/1796140000000-AddOutboxFailedAndDeadLetterOverflow';
import { MerchantProjections1797000000000 } from './migrations/1797000000000-MerchantProjections';
import { CampaignsAndEnrolments1797000000001 } from './migrations/1797000000001-CampaignsAndEnrolments';
import { AddOutreach1797100000000 } from './migrations/1797100000000-AddOutreach';
import { LoyaltyLedger1797700000000 } from './migrations/1797700000000-LoyaltyLedger';
import { LoyaltyReferrals1797700000200 } from './migrations/1797700000200-LoyaltyReferrals';
import { Memberships1797700000300 } from './migrations/1797700000300-Memberships';
import { IdleTerminals1797700000400 } from './migrations/1797700000400-IdleTerminals';
import { PhoneTaskNoAnswerRetries1798100000000 } from './migrations/1798100000000-PhoneTaskNoAnswerRetries';
import { CareProgramme1798300000000 } from './migrations/1798300000000-CareProgramme';

/** Every migration of reactivation-campaigns, in order. */
export const reactivationMigrations = [
  InitReactivationCampaigns1763900000003,
  AddOutboxFailedAndDeadLetterOverflow1796140000000,
  MerchantProjections1797000000000,
  CampaignsAndEnrolments1797000000001,
  AddOutreach1797100000000,
  LoyaltyLedger1797700000000,
  LoyaltyReferrals1797700000200,
  Memberships1797700000300,
  IdleTerminals1797700000400,
  PhoneTaskNoAnswerRetries1798100000000,
  CareProgramme1798300000000,
];
