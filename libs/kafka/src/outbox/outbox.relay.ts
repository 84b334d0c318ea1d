import { DataSource } from 'typeorm';
import { backoffDelayMs } from '../backoff';
import { KafkaLibLogger } from '../kafka.client';
import { KafkaMetricsSink, noopKafkaMetrics } from '../metrics.sink';
import { EventProducer } from '../producer/event.producer';
import { describeProduceError as describe } from '../producer/producer.errors';
import { outboxRepository, OutboxRow } from './outbox.repository';
import { publishOutboxRows, PublishRound } from './outbox.publish';

export interface OutboxRelayOptions {
  /** Rows claimed and published per round; default 500. */
  batchSize?: number;
  /** Poll interval when the outbox is empty, in ms; default 200. */
  idleMs?: number;
  /** How often `pulse_outbox_pending` is refreshed; default 5 s. */
  metricsIntervalMs?: number;
  logger?: KafkaLibLogger;
  metrics?: KafkaMetricsSink;
}

/** A round stopped on a transient producer error; what was sent before it is marked published. */
export class OutboxTransientFailure extends Error {
  constructor(override readonly cause: unknown) {
    super(`outbox publish interrupted: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/**
 * Publishes outbox rows: claims a batch with `FOR UPDATE SKIP LOCKED` (several relays can run, none
 * waits on another's rows; a key whose older row another relay holds waits, so per-key order holds),
 * produces them with acks from all replicas in byte-bounded requests, marks them published — all
 * inside the claiming transaction. A crash after the acks but before the commit republishes the
 * batch: delivery is at least once, and consumers are idempotent.
 *
 * A row that can never be published — larger than the producer's limit, refused by the broker as too
 * large or invalid, or for a topic that still does not exist after the producer's retries — is moved
 * to `outbox_failed` with its error and counted in `pulse_outbox_failed_total`; the rows behind it
 * go on. A transient failure (broker down) keeps the rows pending with `last_error` and retries with
 * backoff. Published rows are pruned by the retention job ({@link pruneOutbox}).
 */
export class OutboxRelay {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private metricsTimer?: NodeJS.Timeout;
  private readonly batchSize: number;
  private readonly idleMs: number;
  private readonly metrics: KafkaMetricsSink;

  constructor(
    private readonly dataSource: DataSource,
    private readonly producer: EventProducer,
    private readonly options: OutboxRelayOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.idleMs = options.idleMs ?? 200;
    this.metrics = options.metrics ?? noopKafkaMetrics;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
    this.metricsTimer = setInterval(
      () => void this.refreshPendingMetric(),
      this.options.metricsIntervalMs ?? 5_000,
    );
    this.metricsTimer.unref();
  }

  /** Wakes an idle relay right after a transaction wrote outbox rows. */
  notify(): void {
    this.wake?.();
  }

  /** Stops polling after the batch in hand, then publishes whatever is still pending (best effort). */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    clearInterval(this.metricsTimer);
    this.notify();
    await this.loop;
    try {
      while ((await this.publishBatch()) > 0);
    } catch (error) {
      this.options.logger?.warn(
        { err: describe(error) },
        'outbox flush on shutdown failed; rows stay pending',
      );
    }
  }

  /**
   * Claims, publishes and marks one batch; returns how many rows it settled (published or moved to
   * `outbox_failed`). Throws {@link OutboxTransientFailure} after committing what was sent when the
   * producer failed transiently.
   */
  async publishBatch(): Promise<number> {
    const round = await this.dataSource.transaction(async (tx) => {
      const rows = await outboxRepository.claim(tx, this.batchSize);
      if (rows.length === 0) return undefined;
      const result = await publishOutboxRows(this.producer, rows);
      await outboxRepository.markPublished(tx, result.sent);
      await outboxRepository.moveToFailed(tx, result.failed);
      if (result.transient)
        await outboxRepository.recordAttempt(tx, result.unsent, describe(result.transient));
      return { rows, result };
    });
    if (!round) return 0;
    this.reportFailed(round.rows, round.result);
    if (round.result.transient) throw new OutboxTransientFailure(round.result.transient);
    return round.result.sent.length + round.result.failed.length;
  }

  /** Number of rows not yet published. */
  async pendingCount(): Promise<number> {
    return outboxRepository.pendingCount(this.dataSource.manager);
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        const settled = await this.publishBatch();
        failures = 0;
        if (settled < this.batchSize) await this.idle(this.idleMs);
      } catch (error) {
        failures += 1;
        this.options.logger?.warn(
          { err: describe(error), failures },
          'outbox relay round failed; will retry',
        );
        await this.idle(backoffDelayMs(failures, 200, 10_000));
      }
    }
  }

  private reportFailed(rows: OutboxRow[], result: PublishRound): void {
    if (result.failed.length === 0) return;
    const bySeq = new Map(rows.map((r) => [r.seq, r]));
    const counts = new Map<string, { topic: string; error: string; n: number }>();
    for (const failed of result.failed) {
      const topic = bySeq.get(failed.seq)?.topic ?? 'unknown';
      const error = failed.code;
      const entry = counts.get(`${topic}\u0000${error}`) ?? { topic, error, n: 0 };
      entry.n += 1;
      counts.set(`${topic}\u0000${error}`, entry);
    }
    for (const { topic, error, n } of counts.values()) this.metrics.outboxFailed?.(topic, error, n);
    this.options.logger?.error(
      { failed: result.failed.map(({ seq, error }) => ({ seq, error })) },
      'outbox rows can never be published; moved to outbox_failed',
    );
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  private async refreshPendingMetric(): Promise<void> {
    try {
      this.metrics.outboxPending(await this.pendingCount());
    } catch {
      // The database being unreachable is reported by readiness; the gauge keeps its last value.
    }
  }
}
