import { DataSource } from 'typeorm';
import { deleteInBatches, PruneOptions } from '../prune-in-batches';

/**
 * Deletes outbox rows published longer than `retentionMs` ago, in bounded batches; pending rows are
 * never touched. Returns how many rows went.
 */
export function pruneOutbox(dataSource: DataSource, options: PruneOptions): Promise<number> {
  return deleteInBatches(
    dataSource,
    `DELETE FROM outbox WHERE seq IN (
       SELECT seq FROM outbox
        WHERE published_at IS NOT NULL AND published_at < now() - $1::bigint * interval '1 millisecond'
        ORDER BY published_at LIMIT $2 FOR UPDATE SKIP LOCKED)`,
    options,
  );
}
