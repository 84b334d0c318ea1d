import { Injectable } from '@nestjs/common';
import type { OffsetFenceStore, StoredFence } from '@merchant-pulse/kafka';
import { EntityManager } from 'typeorm';

/**
 * The offset fence of the raw-transaction consumer: per (topic, partition), the next offset not yet
 * applied and the fingerprint of the last message applied, moved in the SAME transaction as the
 * chunk. Kafka offsets are committed after that transaction, so a crash in between re-delivers a
 * chunk the database already holds; the fence lets the runner recognise it, so nothing is counted
 * twice — and the fingerprint lets it notice a fence left over from a deleted topic.
 */
@Injectable()
export class ConsumedOffsetRepository implements OffsetFenceStore {
  async lock(manager: EntityManager, topic: string, partition: number): Promise<StoredFence> {
    const [row] = (await manager.query(
      `INSERT INTO ingest_offsets AS o (topic, partition, next_offset) VALUES ($1, $2, 0)
       ON CONFLICT (topic, partition) DO UPDATE SET next_offset = o.next_offset
       RETURNING next_offset::text AS n, last_fingerprint AS f`,
      [topic, partition],
    )) as Array<{ n: string; f: string | null }>;
    return { next: BigInt(row.n), lastFingerprint: row.f };
  }

  async save(manager: EntityManager, topic: string, partition: number, fence: StoredFence): Promise<void> {
    await manager.query(
      `UPDATE ingest_offsets SET next_offset = $3::bigint, last_fingerprint = $4 WHERE topic = $1 AND partition = $2`,
      [topic, partition, fence.next.toString(), fence.lastFingerprint],
    );
  }
}
