import { Kafka, logLevel, LogEntry } from 'kafkajs';

/** The minimal logger the kafka lib writes to (pino and Nest's Logger both fit). */
export interface KafkaLibLogger {
  debug?(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface KafkaClientConfig {
  brokers: string[];
  clientId: string;
  logger?: KafkaLibLogger;
  /** Connection timeout in ms; default 3000. */
  connectionTimeout?: number;
  /** Retries of a failed request or connection; default 8 (a readiness probe uses 0). */
  retries?: number;
  /** SASL/SCRAM-SHA-512 credentials (Kubernetes: the service's Strimzi KafkaUser); unset → none. */
  sasl?: { username: string; password: string };
  /** TLS to the brokers, trusting `ca` (PEM) when given; unset → plaintext. */
  ssl?: { ca?: string };
}

const consoleLogger: KafkaLibLogger = {
  info: () => undefined,
  warn: (obj, msg) => console.warn(msg, obj),
  error: (obj, msg) => console.error(msg, obj),
};

/** A kafkajs client whose own log lines go to our structured logger (warn and above). */
export function createKafkaClient(config: KafkaClientConfig): Kafka {
  const logger = config.logger ?? consoleLogger;
  return new Kafka({
    clientId: config.clientId,
    brokers: config.brokers,
    connectionTimeout: config.connectionTimeout ?? 3_000,
    requestTimeout: 30_000,
    retry: { initialRetryTime: 200, retries: config.retries ?? 8 },
    ...(config.sasl ? { sasl: { mechanism: 'scram-sha-512' as const, ...config.sasl } } : {}),
    ...(config.ssl ? { ssl: config.ssl.ca ? { ca: [config.ssl.ca] } : true } : {}),
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, namespace, log }: LogEntry) => {
        const { message, ...extra } = log;
        const entry = { namespace, ...extra };
        // Our idempotent producer bounds its retries on purpose (a dead broker must surface as an
        // error, not hang forever); consumers are idempotent, so the warning about it is noise.
        if (typeof message === 'string' && message.startsWith('Limiting retries for the idempotent producer'))
          return;
        if (level <= logLevel.ERROR) logger.error(entry, `kafkajs: ${message}`);
        else logger.warn(entry, `kafkajs: ${message}`);
      },
  });
}

/**
 * Topic names are prefixed per deployment when `KAFKA_TOPIC_PREFIX` is set — integration tests use
 * a per-run prefix so suites sharing one broker never see each other's messages.
 */
export class TopicNamer {
  constructor(readonly prefix: string = process.env.KAFKA_TOPIC_PREFIX ?? '') {}

  /** The physical topic for a logical one (`acquirer.transactions.v1`). */
  physical(topic: string): string {
    return this.prefix + topic;
  }

  /** The logical topic for a physical one. */
  logical(physical: string): string {
    return this.prefix && physical.startsWith(this.prefix) ? physical.slice(this.prefix.length) : physical;
  }
}
