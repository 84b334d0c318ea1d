import { DataSource } from 'typeorm';
import { backoffDelayMs } from '../backoff';
import { KafkaLibLogger } from '../kafka.client';
import { KafkaMetricsSink, noopKafkaMetrics } from '../metrics.sink';
import { EventProducer, OutgoingRecord } from '../producer/event.producer';

export interface OutboxRelayOptions {
  /** Rows claimed and published per round; default 500. */
  batchSize?: number;
  /** Poll interval when the outbox is empty, in ms; default 200. */
  idleMs?: number;
  /** Published rows older than this are deleted; default 24 h. */
  retentionMs?: number;
  /** How often `pulse_outbox_pending` is refreshed; default 5 s. */
  metricsIntervalMs?: number;
  logger?: KafkaLibLogger;
  metrics?: KafkaMetricsSink;
}

interface OutboxRow {
  seq: string;
  topic: string;
  message_key: string;
  value: string;
  headers: Record<string, string>;
}

/**
 * Publishes outbox rows: claims a batch with `FOR UPDATE SKIP LOCKED` (several relays can run, none
 * waits on another's rows), produces them with acks from all replicas, marks them published — all
 * inside the claiming transaction. A crash after the acks but before the commit republishes the
 * batch: delivery is at least once, and consumers are idempotent.
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

  /** Claims, publishes and marks one batch; returns how many rows were published. */
  async publishBatch(): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      const rows: OutboxRow[] = await tx.query(
        `SELECT seq, topic, message_key, value, headers FROM outbox
          WHERE published_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.batchSize],
      );
      if (rows.length === 0) return 0;
      await this.producer.send(rows.map(toRecord));
      await tx.query(
        `UPDATE outbox SET published_at = now(), attempts = attempts + 1 WHERE seq = ANY($1::bigint[])`,
        [rows.map((r) => r.seq)],
      );
      return rows.length;
    });
  }

  /** Number of rows not yet published. */
  async pendingCount(): Promise<number> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`,
    );
    return row.n as number;
  }

  private async run(): Promise<void> {
    let failures = 0;
    let lastCleanup = 0;
    while (this.running) {
      try {
        const published = await this.publishBatch();
        failures = 0;
        if (Date.now() - lastCleanup > 60_000) {
          lastCleanup = Date.now();
          await this.deleteOldPublished();
        }
        if (published < this.batchSize) await this.idle(this.idleMs);
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

  private async deleteOldPublished(): Promise<void> {
    const retentionMs = this.options.retentionMs ?? 86_400_000;
    await this.dataSource.query(
      `DELETE FROM outbox WHERE seq IN (SELECT seq FROM outbox WHERE published_at < now() - ($1::bigint * interval '1 millisecond') LIMIT 10000)`,
      [retentionMs],
    );
  }

  private async refreshPendingMetric(): Promise<void> {
    try {
      this.metrics.outboxPending(await this.pendingCount());
    } catch {
      // The database being unreachable is reported by readiness; the gauge keeps its last value.
    }
  }
}

function toRecord(row: OutboxRow): OutgoingRecord {
  return { topic: row.topic, key: row.message_key, value: row.value, headers: row.headers };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
