import { DataSource } from 'typeorm';
import { deleteInBatches, PruneOptions } from '../prune-in-batches';

/**
 * Deletes inbox entries processed longer than `retentionMs` ago, in bounded batches. The retention
 * must outlast any redelivery (the topics' retention, 7 days by default): an event redelivered after
 * its entry is gone would be applied again.
 */
export function pruneInbox(dataSource: DataSource, options: PruneOptions): Promise<number> {
  return deleteInBatches(
    dataSource,
    `DELETE FROM inbox WHERE ctid IN (
       SELECT ctid FROM inbox
        WHERE processed_at < now() - $1::bigint * interval '1 millisecond'
        LIMIT $2 FOR UPDATE SKIP LOCKED)`,
    options,
  );
}
