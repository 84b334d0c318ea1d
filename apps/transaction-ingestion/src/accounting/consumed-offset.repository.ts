import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/**
 * The offset fence of the raw-transaction consumer: per (topic, partition), the next offset not yet
 * applied, advanced in the SAME transaction as the chunk. Kafka offsets are committed after that
 * transaction, so a crash in between re-delivers a chunk the database already holds; the fence lets
 * the consumer recognise it, so nothing is counted twice.
 */
@Injectable()
export class ConsumedOffsetRepository {
  /** Locks the partition's fence for this transaction and returns its next offset (0 when new). */
  async lockNext(manager: EntityManager, topic: string, partition: number): Promise<bigint> {
    const [row] = (await manager.query(
      `INSERT INTO ingest_offsets AS o (topic, partition, next_offset) VALUES ($1, $2, 0)
       ON CONFLICT (topic, partition) DO UPDATE SET next_offset = o.next_offset
       RETURNING next_offset::text AS n`,
      [topic, partition],
    )) as Array<{ n: string }>;
    return BigInt(row.n);
  }

  /** Moves the fence forward to `next` (never back). */
  async advance(manager: EntityManager, topic: string, partition: number, next: bigint): Promise<void> {
    await manager.query(
      `UPDATE ingest_offsets SET next_offset = greatest(next_offset, $3::bigint) WHERE topic = $1 AND partition = $2`,
      [topic, partition, next.toString()],
    );
  }
}
