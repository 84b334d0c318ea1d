/** Every BullMQ queue, job and scheduler name of churn-scoring (CONVENTIONS.md: one constant per app). */
export const ChurnQueues = {
  /** Time-driven work: full rescoring and model refits. */
  Scoring: 'churn-scoring.scoring',
} as const;

/** Job names on {@link ChurnQueues.Scoring}. */
export const ChurnJobs = {
  RescoreAll: 'rescore-all',
  RefitModel: 'refit-model',
  RetrainHazard: 'retrain-hazard',
} as const;

/** Deterministic scheduler ids: upserting them at every boot never creates duplicates. */
export const ChurnSchedulers = {
  RescoreAll: 'churn-scoring:rescore-all',
  RefitModel: 'churn-scoring:refit-model',
  RetrainHazard: 'churn-scoring:retrain-hazard',
} as const;
