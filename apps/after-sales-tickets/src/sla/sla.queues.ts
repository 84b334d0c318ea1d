/** BullMQ queue and job names of the SLA engine. */
export const SlaQueues = {
  /** Delayed jobs: one per pending SLA stage (warning at 75%, breach at 100%, next levels). */
  Timers: 'after-sales-tickets.sla-timers',
} as const;

/** Job names on {@link SlaQueues.Timers}. */
export const SlaJobs = {
  Fire: 'fire-sla-timer',
} as const;
