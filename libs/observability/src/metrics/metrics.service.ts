import { Counter, Gauge, Histogram, Metric, Registry, collectDefaultMetrics } from 'prom-client';

/** Every metric name starts with this prefix (DESIGN.md, operating contract). */
export const METRIC_PREFIX = 'pulse_';

/** HTTP latency buckets in seconds, from 1 ms to 10 s. */
export const HTTP_DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

type HttpLabel = 'method' | 'route' | 'status';

/** Options for a standalone {@link MetricsService}. */
export interface MetricsServiceOptions {
  /** Registry to write to; a fresh one by default. */
  registry?: Registry;
  /** Collect Node process metrics (`pulse_process_*`, `pulse_nodejs_*`); default true. */
  defaultMetrics?: boolean;
}

let processInstance: MetricsService | undefined;

/**
 * The process's Prometheus metrics: a prom-client {@link Registry} holding the shared metrics every
 * service exports (typed getters below) plus whatever a service adds through {@link counter},
 * {@link gauge} and {@link histogram}. `ObservabilityModule` provides {@link MetricsService.forProcess};
 * non-Nest code (Kafka runners, scripts) calls `MetricsService.forProcess()` to reach the same registry.
 */
export class MetricsService {
  /** The registry `GET /metrics` renders. */
  readonly registry: Registry;
  /** `pulse_http_requests_total{method,route,status}`; route is the template, e.g. `/v1/merchants/:id`. */
  readonly httpRequestsTotal: Counter<HttpLabel>;
  /** `pulse_http_request_duration_seconds{method,route,status}`. */
  readonly httpRequestDuration: Histogram<HttpLabel>;
  /** `pulse_kafka_consumer_lag{topic,partition,group}`: messages between committed offset and high watermark. */
  readonly kafkaConsumerLag: Gauge<'topic' | 'partition' | 'group'>;
  /** `pulse_outbox_pending`: outbox rows not yet published. */
  readonly outboxPending: Gauge<string>;
  /** `pulse_dead_letters_total{topic,reason}`: messages sent to a dead-letter topic, by source topic and reason code. */
  readonly deadLettersTotal: Counter<'topic' | 'reason'>;
  /** `pulse_dead_letters_overflow_total{topic,reason}`: dead letters too large for the dead-letter topic, kept in `dead_letter_overflow`. */
  readonly deadLettersOverflowTotal: Counter<'topic' | 'reason'>;
  /** `pulse_outbox_failed_total{topic,error}`: outbox rows that can never be published, moved to `outbox_failed`. */
  readonly outboxFailedTotal: Counter<'topic' | 'error'>;

  constructor(options: MetricsServiceOptions = {}) {
    this.registry = options.registry ?? new Registry();
    if (options.defaultMetrics ?? true)
      collectDefaultMetrics({ register: this.registry, prefix: METRIC_PREFIX });
    const http: HttpLabel[] = ['method', 'route', 'status'];
    this.httpRequestsTotal = this.counter('pulse_http_requests_total', 'HTTP requests served', http);
    this.httpRequestDuration = this.histogram(
      'pulse_http_request_duration_seconds',
      'HTTP request duration in seconds',
      http,
      HTTP_DURATION_BUCKETS,
    );
    this.kafkaConsumerLag = this.gauge('pulse_kafka_consumer_lag', 'Kafka consumer lag in messages', [
      'topic',
      'partition',
      'group',
    ]);
    this.outboxPending = this.gauge('pulse_outbox_pending', 'Outbox events not yet published');
    this.deadLettersTotal = this.counter('pulse_dead_letters_total', 'Messages sent to a dead-letter topic', [
      'topic',
      'reason',
    ]);
    this.deadLettersOverflowTotal = this.counter(
      'pulse_dead_letters_overflow_total',
      'Dead letters too large for the dead-letter topic, stored in the dead_letter_overflow table',
      ['topic', 'reason'],
    );
    this.outboxFailedTotal = this.counter(
      'pulse_outbox_failed_total',
      'Outbox rows that can never be published, moved to the outbox_failed table',
      ['topic', 'error'],
    );
  }

  /** The one instance of this process, created on first use (with default metrics). */
  static forProcess(): MetricsService {
    processInstance ??= new MetricsService();
    return processInstance;
  }

  /** A counter named `name` (must start with `pulse_`); the existing one when already registered. */
  counter<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    return (
      this.existing(name, Counter, labelNames) ??
      new Counter({ name, help, labelNames, registers: [this.registry] })
    );
  }

  /** A gauge named `name` (must start with `pulse_`); the existing one when already registered. */
  gauge<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Gauge<L> {
    return (
      this.existing(name, Gauge, labelNames) ??
      new Gauge({ name, help, labelNames, registers: [this.registry] })
    );
  }

  /** A histogram named `name` (must start with `pulse_`); the existing one when already registered. */
  histogram<L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[] = [],
    buckets?: number[],
  ): Histogram<L> {
    return (
      this.existing(name, Histogram, labelNames) ??
      new Histogram({ name, help, labelNames, registers: [this.registry], ...(buckets ? { buckets } : {}) })
    );
  }

  /** Content type of {@link metrics}' output (Prometheus text exposition format). */
  get contentType(): string {
    return this.registry.contentType;
  }

  /** Every metric in Prometheus text format. */
  metrics(): Promise<string> {
    return this.registry.metrics();
  }

  private existing<M extends Metric<string>>(
    name: string,
    kind: abstract new (...args: never[]) => M,
    labelNames: readonly string[],
  ): M | undefined {
    if (!name.startsWith(METRIC_PREFIX))
      throw new Error(`Metric "${name}" must start with "${METRIC_PREFIX}"`);
    const metric = this.registry.getSingleMetric(name);
    if (metric === undefined) return undefined;
    if (!(metric instanceof kind)) throw new Error(`Metric "${name}" is already registered as another type`);
    const registered = (metric as unknown as { labelNames: readonly string[] }).labelNames;
    if ([...registered].sort().join(',') !== [...labelNames].sort().join(',')) {
      throw new Error(`Metric "${name}" is already registered with labels [${registered.join(', ')}]`);
    }
    return metric;
  }
}
