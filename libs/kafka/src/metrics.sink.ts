/**
 * What the kafka lib reports to metrics. Apps bind it to the Prometheus registry
 * (`pulse_kafka_consumer_lag`, `pulse_dead_letters_total`, `pulse_dead_letters_overflow_total`,
 * `pulse_outbox_pending`, `pulse_outbox_failed_total`); tests use a recording sink to assert on it.
 */
export interface KafkaMetricsSink {
  consumerLag(topic: string, partition: number, group: string, lag: number): void;
  /** Every dead letter, by source topic and reason — in the dead-letter topic or the overflow table. */
  deadLetters(topic: string, reason: string, count: number): void;
  /** The dead letters stored in `dead_letter_overflow` because the dead-letter topic could not take them. */
  deadLettersOverflow?(topic: string, reason: string, count: number): void;
  outboxPending(count: number): void;
  /** A stale offset fence was reset (topic re-created): `pulse_kafka_fence_resets_total`. */
  fenceResets?(topic: string, partition: number, group: string): void;
  /** Outbox rows moved to `outbox_failed` (never publishable), by topic and error type. */
  outboxFailed?(topic: string, error: string, count: number): void;
}

export const noopKafkaMetrics: KafkaMetricsSink = {
  consumerLag: () => undefined,
  deadLetters: () => undefined,
  deadLettersOverflow: () => undefined,
  outboxPending: () => undefined,
  outboxFailed: () => undefined,
};
