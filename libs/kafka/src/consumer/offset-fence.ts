import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { MessageMeta } from './consumer.types';

/** A partition's offset fence as stored: the next offset not yet applied, and who was applied last. */
export interface StoredFence {
  /** The next offset not yet applied (0 when the partition is new). */
  next: bigint;
  /** {@link messageFingerprint} of the message at `next - 1`; null for fences written before it existed. */
  lastFingerprint: string | null;
}

/**
 * Where a consumer keeps its offset fences, in its own database: per (logical topic, partition), what
 * its transactions have applied. For handlers whose effects are not idempotent on their own (counters,
 * ledgers): the runner locks the fence at the start of a chunk's transaction, skips what lies below
 * it, and moves it past the chunk in the same transaction, so a re-delivered chunk is counted once.
 */
export interface OffsetFenceStore {
  /** Locks the fence row for the transaction (creating it at 0) and returns it. */
  lock(manager: EntityManager, topic: string, partition: number): Promise<StoredFence>;
  /** Overwrites the fence locked by {@link lock} in the same transaction. */
  save(manager: EntityManager, topic: string, partition: number, fence: StoredFence): Promise<void>;
}

/** What to do with a chunk, given its partition's fence. */
export type FenceVerdict =
  /** Apply the messages at or after `from`; those before were applied already. `stale` says why the fence was reset. */
  | { kind: 'apply'; from: bigint; stale?: string }
  /** The chunk lies below the fence and cannot prove the fence belongs to this topic: read `offset` first. */
  | { kind: 'verify'; offset: bigint };

/**
 * The message's identity beyond its offset: producer timestamp and a hash of key and value. A topic
 * deleted and re-created (or a new cluster) reuses offsets, never this.
 */
export function messageFingerprint(meta: MessageMeta): string {
  const hash = createHash('sha256')
    .update(meta.key ?? '')
    .update('\u0000')
    .update(meta.raw ?? Buffer.alloc(0))
    .digest('base64url')
    .slice(0, 22);
  return `${meta.timestamp}/${hash}`;
}

/**
 * Judges whether the messages of a chunk (one partition, ascending offsets) below the stored fence
 * really were applied. Kafka topic ids are out of reach (kafkajs 2.2.4 speaks Metadata ≤ v6), so the
 * fence proves itself: a fence above the partition's high watermark, or a message at `next - 1` that
 * is not the one applied, belongs to a topic that no longer exists — the fence is stale and the chunk
 * is applied in full. A chunk wholly below `next - 1` asks for that message to be read first, unless
 * this process already verified the same fence (`verifiedNext`).
 */
export function judgeFence(
  stored: StoredFence,
  metas: readonly MessageMeta[],
  highWatermark: string,
  verifiedNext?: bigint,
): FenceVerdict {
  const first = BigInt(metas[0].offset);
  if (first >= stored.next) return { kind: 'apply', from: stored.next };
  if (stored.next > BigInt(highWatermark)) {
    return {
      kind: 'apply',
      from: first,
      stale: `fence ${stored.next} is above the partition's end ${highWatermark}`,
    };
  }
  if (stored.lastFingerprint === null) return { kind: 'apply', from: stored.next };
  const markerOffset = stored.next - 1n;
  if (markerOffset <= BigInt(metas[metas.length - 1].offset)) {
    const marker = metas.find((m) => BigInt(m.offset) === markerOffset);
    if (marker && messageFingerprint(marker) === stored.lastFingerprint)
      return { kind: 'apply', from: stored.next };
    return {
      kind: 'apply',
      from: first,
      stale: `the message at offset ${markerOffset} is not the one applied there (${marker ? 'different' : 'missing'})`,
    };
  }
  if (verifiedNext === stored.next) return { kind: 'apply', from: stored.next };
  return { kind: 'verify', offset: markerOffset };
}
