import { runWithCorrelation } from '@merchant-pulse/observability';
import { DataSource, EntityManager } from 'typeorm';
import { backoffDelayMs, sleep } from '../backoff';
import { KafkaLibLogger } from '../kafka.client';
import { describeError, isPoisonCandidate } from './consumer-error.classifier';
import {
  ChunkHandler,
  ChunkContext,
  InvalidItem,
  MessageMeta,
  ParseResult,
  Rejection,
  ValidItem,
} from './consumer.types';
import { DeadLetter } from './dead-letter.publisher';
import { isolatePoison } from './poison.isolator';
import { FenceVerdict, judgeFence, messageFingerprint, OffsetFenceStore } from './offset-fence';

/** What a {@link ChunkApplier} needs from the runner's options. */
export interface ChunkApplierOptions<T> {
  dataSource: DataSource;
  parse: (raw: Buffer | null, meta: MessageMeta) => ParseResult<T>;
  handle: ChunkHandler<T>;
  /** Rule rejections of valid messages the fence says were applied already (re-published, at least once). */
  replayed?: (items: ValidItem<T>[], context: ChunkContext) => Promise<Rejection[]>;
  fence?: OffsetFenceStore;
  maxTransientRetries: number;
  isPoison?: (error: unknown) => boolean;
  logger?: KafkaLibLogger;
  /** Called when a stale fence is reset (topic re-created). */
  onFenceReset?: (topic: string, partition: number) => void;
}

/** One chunk: consecutive messages of one partition. */
export interface ChunkInput {
  metas: MessageMeta[];
  highWatermark: string;
  heartbeat: () => Promise<void>;
  /** A fence value this process has verified against the topic (see {@link judgeFence}). */
  verifiedNext?: bigint;
}

export type ChunkOutcome =
  { kind: 'applied'; letters: DeadLetter[] } | { kind: 'verify'; offset: bigint; fenceNext: bigint };

/** Thrown when transient errors outlast the retries: the batch goes back to Kafka, uncommitted. */
export class TransientFailure extends Error {
  override readonly name = 'TransientFailure';
  constructor(override readonly cause: unknown) {
    super(`transient failure persisted: ${describeError(cause)}`);
  }
}

/**
 * Applies one chunk in ONE database transaction: the offset fence locked at its start and advanced at
 * its end, the handler's work inside a savepoint, and — when that fails on a data error — the poison
 * isolated by bisection inside the same transaction (see {@link isolatePoison}), so the chunk commits
 * atomically with its fence whatever happens during bisection. Any error that escapes (transient, or
 * the whole chunk failing the same way) rolls everything back and retries the chunk with backoff.
 */
export class ChunkApplier<T> {
  constructor(private readonly options: ChunkApplierOptions<T>) {}

  async apply(input: ChunkInput): Promise<ChunkOutcome> {
    const { valid, invalid } = this.parseAll(input.metas);
    for (let attempt = 0; ; attempt++) {
      try {
        const work = () =>
          this.options.dataSource.transaction((manager) =>
            this.inTransaction(manager, valid, invalid, input),
          );
        const correlationId = sharedCorrelationId(valid);
        return await (correlationId ? runWithCorrelation(correlationId, work) : work());
      } catch (error) {
        if (attempt >= this.options.maxTransientRetries) throw new TransientFailure(error);
        this.options.logger?.warn(
          { err: describeError(error), attempt },
          'chunk failed transiently; retrying',
        );
        await sleep(backoffDelayMs(attempt, 200, 5_000));
        await input.heartbeat().catch(() => undefined);
      }
    }
  }

  /**
   * Checks a fence this process asked to verify (verdict `verify`) against the message found at its
   * `next - 1`: the same message proves the fence; another one, or none, resets it (the topic was
   * re-created), loudly. Returns false when the fence moved meanwhile (another member applied more).
   */
  async verifyFence(
    topic: string,
    partition: number,
    expectedNext: bigint,
    marker?: MessageMeta,
  ): Promise<boolean> {
    const store = this.options.fence!;
    return this.options.dataSource.transaction(async (manager) => {
      const stored = await store.lock(manager, topic, partition);
      if (stored.next !== expectedNext) return false;
      if (marker && messageFingerprint(marker) === stored.lastFingerprint) return true;
      this.reportStale(
        topic,
        partition,
        stored.next,
        `the message at offset ${expectedNext - 1n} is not the one applied there`,
      );
      await store.save(manager, topic, partition, { next: 0n, lastFingerprint: null });
      return false;
    });
  }

  /** Parses every message; a parser that throws yields a `schema_violation`, never a crashed consumer. */
  private parseAll(metas: MessageMeta[]): { valid: ValidItem<T>[]; invalid: InvalidItem[] } {
    const valid: ValidItem<T>[] = [];
    const invalid: InvalidItem[] = [];
    for (const meta of metas) {
      let parsed: ParseResult<T>;
      try {
        parsed = this.options.parse(meta.raw, meta);
      } catch (error) {
        const detail = `parser threw ${error instanceof Error ? error.name : 'a non-error'}: ${describeError(error)}`;
        parsed = { ok: false, reason: 'schema_violation', detail: detail.slice(0, 1_000) };
      }
      if (parsed.ok) valid.push({ value: parsed.value, meta });
      else invalid.push({ meta, reason: parsed.reason, detail: parsed.detail });
    }
    return { valid, invalid };
  }

  private async inTransaction(
    manager: EntityManager,
    valid: ValidItem<T>[],
    invalid: InvalidItem[],
    input: ChunkInput,
  ): Promise<ChunkOutcome> {
    const fence = await this.lockFence(manager, input);
    if (fence?.verdict.kind === 'verify') return { ...fence.verdict, fenceNext: fence.next };
    const from = fence?.verdict.kind === 'apply' ? fence.verdict.from : 0n;
    const isNew = (meta: MessageMeta) => BigInt(meta.offset) >= from;
    const fresh = {
      valid: valid.filter((v) => isNew(v.meta)),
      invalid: invalid.filter((i) => isNew(i.meta)),
    };
    // Invalid messages are dead-lettered every time they are seen (at least once); counted once.
    const letters: DeadLetter[] = [...invalid];
    letters.push(
      ...(await isolatePoison(manager, fresh, {
        handle: this.options.handle,
        heartbeat: input.heartbeat,
        isPoison: this.options.isPoison ?? isPoisonCandidate,
        logger: this.options.logger,
      })),
    );
    const replayed = valid.filter((v) => !isNew(v.meta));
    if (replayed.length > 0 && this.options.replayed) {
      letters.push(...(await this.options.replayed(replayed, { manager, isolated: false })));
    }
    if (fence) await this.moveFence(manager, input.metas, fence.next, fence.verdict);
    return { kind: 'applied', letters };
  }

  /** Locks the partition's fence for the chunk's transaction and judges the chunk against it. */
  private async lockFence(
    manager: EntityManager,
    input: ChunkInput,
  ): Promise<{ next: bigint; verdict: FenceVerdict } | undefined> {
    if (!this.options.fence) return undefined;
    const { topic, partition } = input.metas[0];
    const stored = await this.options.fence.lock(manager, topic, partition);
    const verdict = judgeFence(stored, input.metas, input.highWatermark, input.verifiedNext);
    if (verdict.kind === 'apply' && verdict.stale)
      this.reportStale(topic, partition, stored.next, verdict.stale);
    return { next: stored.next, verdict };
  }

  /** Moves the fence past the chunk (never back, unless it was stale), with its last message's fingerprint. */
  private async moveFence(
    manager: EntityManager,
    metas: MessageMeta[],
    storedNext: bigint,
    verdict: FenceVerdict,
  ): Promise<void> {
    const last = metas[metas.length - 1];
    const next = BigInt(last.offset) + 1n;
    if (next <= storedNext && !(verdict.kind === 'apply' && verdict.stale)) return;
    await this.options.fence!.save(manager, last.topic, last.partition, {
      next,
      lastFingerprint: messageFingerprint(last),
    });
  }

  private reportStale(topic: string, partition: number, next: bigint, why: string): void {
    this.options.logger?.error(
      { topic, partition, fence: next.toString(), why },
      'offset fence is stale (topic deleted and re-created, or a new cluster): resetting it and applying the messages below it',
    );
    this.options.onFenceReset?.(topic, partition);
  }
}

/** The `correlation-id` header every message of the chunk carries, if they all carry the same one. */
function sharedCorrelationId(items: ValidItem<unknown>[]): string | undefined {
  let shared: string | undefined;
  for (const { meta } of items) {
    const value = meta.headers['correlation-id']?.toString();
    if (!value || (shared !== undefined && shared !== value)) return undefined;
    shared = value;
  }
  return shared;
}
