import { InitChurnScoring1763900000002 } from './migrations/1763900000002-InitChurnScoring';
import { ChurnScoringTables1763900500000 } from './migrations/1763900500000-ChurnScoringTables';
import { AddOutboxFailedAndDeadLetterOverflow1796140000000 } from './migrations/1796140000000-AddOutboxFailedAndDeadLetterOverflow';
import { HazardModelVersionsAndClosures1797400000000 } from './migrations/1797400000000-HazardModelVersionsAndClosures';
import { MerchantRegionAndWorklistSorts17991000000000 } from './migrations/17991000000000-MerchantRegionAndWorklistSorts';

/** Every migration of churn-scoring, in order. */
export const churnScoringMigrations = [
  InitChurnScoring1763900000002,
  ChurnScoringTables1763900500000,
  AddOutboxFailedAndDeadLetterOverflow1796140000000,
  HazardModelVersionsAndClosures1797400000000,
  MerchantRegionAndWorklistSorts17991000000000,
];
