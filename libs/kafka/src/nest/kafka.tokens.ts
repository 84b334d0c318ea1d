export const KAFKA_MODULE_OPTIONS = Symbol('merchant-pulse:kafka-options');
export const KAFKA_METRICS = Symbol('merchant-pulse:kafka-metrics');
export const KAFKA_LOGGER = Symbol('merchant-pulse:kafka-logger');

export interface KafkaModuleOptions {
  /** Client id reported to the broker, usually the service name. */
  clientId: string;
  brokers: string[];
  /** Topics this service must consume: each needs exactly one `@KafkaBatchConsumer` handler. */
  consumes?: string[];
  /** Prefix of every physical topic and consumer group (per-run isolation in tests). */
  topicPrefix?: string;
  /** Run the outbox relay in this process (default true). */
  relay?: boolean;
  /** Upper bound of one produce request in bytes (default 1,000,000); see EventProducerOptions. */
  maxRequestBytes?: number;
  /** Start consumers and relay (default true); an HTTP-only process can turn both off. */
  runConsumers?: boolean;
  /** SASL/SCRAM-SHA-512 credentials and TLS (see KafkaClientConfig); unset locally. */
  sasl?: { username: string; password: string };
  ssl?: { ca?: string };
  /** How long a crashed consumer group may stay down before `/health/live` fails (default 30 s). */
  livenessGraceMs?: number;
}
