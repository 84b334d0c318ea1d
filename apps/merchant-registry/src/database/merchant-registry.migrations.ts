import { InitMerchantRegistry1763900000000 } from './migrations/1763900000000-InitMerchantRegistry';
import { CreateRegistryTables1763900000001 } from './migrations/1763900000001-CreateRegistryTables';
import { DocumentKeyIds1764600000000 } from './migrations/1764600000000-DocumentKeyIds';
import { PiiAccessAudit1764600000200 } from './migrations/1764600000200-PiiAccessAudit';
import { AddOutboxFailedAndDeadLetterOverflow1796140000000 } from './migrations/1796140000000-AddOutboxFailedAndDeadLetterOverflow';
import { MerchantClosures1797400000000 } from './migrations/1797400000000-MerchantClosures';
import { MerchantReferrals1797700000100 } from './migrations/1797700000100-MerchantReferrals';
import { MerchantNameSearch17991000000100 } from './migrations/17991000000100-MerchantNameSearch';

/** Every migration of merchant-registry, in order. */
export const merchantRegistryMigrations = [
  InitMerchantRegistry1763900000000,
  CreateRegistryTables1763900000001,
  DocumentKeyIds1764600000000,
  PiiAccessAudit1764600000200,
  AddOutboxFailedAndDeadLetterOverflow1796140000000,
  MerchantClosures1797400000000,
  MerchantReferrals1797700000100,
  MerchantNameSearch17991000000100,
];
