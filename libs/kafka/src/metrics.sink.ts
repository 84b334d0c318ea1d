/**
 * What the kafka lib reports to metrics. Apps bind it to the Prometheus registry
 * (`pulse_kafka_consumer_lag`, `pulse_dead_letters_total`, `pulse_outbox_pending`); tests use the
 * recording sink to assert on it.
 */
export interface KafkaMetricsSink {
  consumerLag(topic: string, partition: number, group: string, lag: number): void;
  deadLetters(topic: string, reason: string, count: number): void;
  outboxPending(count: number): void;
  /** A stale offset fence was reset (topic re-created): `pulse_kafka_fence_resets_total`. */
  fenceResets?(topic: string, partition: number, group: string): void;
}

export const noopKafkaMetrics: KafkaMetricsSink = {
  consumerLag: () => undefined,
  deadLetters: () => undefined,
  outboxPending: () => undefined,
};
