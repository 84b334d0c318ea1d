import { DataSource } from 'typeorm';

/** How a table is pruned: rows older than the retention, in bounded batches. */
export interface PruneOptions {
  /** Rows older than this (ms) are deleted. */
  retentionMs: number;
  /** Rows per DELETE (each its own short transaction); default 5,000. */
  batchSize?: number;
  /** DELETEs per call, so one run is bounded in time; the next run goes on; default 20. */
  maxBatches?: number;
}

/**
 * Runs `deleteSql` (parameters: retention ms, batch size; must delete at most one batch and lock with
 * SKIP LOCKED so concurrent pruners never wait on each other) until a batch comes back short or
 * `maxBatches` ran. Returns the rows deleted.
 */
export async function deleteInBatches(
  dataSource: DataSource,
  deleteSql: string,
  options: PruneOptions,
): Promise<number> {
  const batchSize = options.batchSize ?? 5_000;
  const maxBatches = options.maxBatches ?? 20;
  let deleted = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    const [, affected] = (await dataSource.query(deleteSql, [
      Math.round(options.retentionMs),
      batchSize,
    ])) as [unknown, number];
    deleted += affected;
    if (affected < batchSize) break;
  }
  return deleted;
}
