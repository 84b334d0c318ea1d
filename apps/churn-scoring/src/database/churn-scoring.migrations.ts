import { InitChurnScoring1763900000002 } from './migrations/1763900000002-InitChurnScoring';

/** Every migration of churn-scoring, in order. */
export const churnScoringMigrations = [InitChurnScoring1763900000002];
