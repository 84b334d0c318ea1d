import { execFileSync } from 'node:child_process';
import { writeFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RawTransactionV1 } from '@merchant-pulse/contracts';

/**
 * The ceiling: Postgres COPY of the same rows into the same (partitioned, indexed) `transactions`
 * table, through `psql \copy` from a CSV file — pg-copy-streams is not a dependency. Only the COPY
 * itself is timed (psql's own start-up is measured separately and subtracted).
 */
export function copyRowsPerSecond(databaseUrl: string, schema: string, rows: RawTransactionV1[]): number {
  const file = join(tmpdir(), `ingest-bench-copy-${process.pid}.csv`);
  const lines = rows.map((tx) =>
    [
      tx.acquirerId,
      tx.transactionId,
      tx.merchantId,
      tx.terminalId,
      tx.occurredAt,
      tx.occurredAt.slice(0, 10),
      tx.amountMinor,
      0,
      tx.currency ?? 'CNY',
      tx.channel,
      tx.type,
      tx.status,
    ].join(','),
  );
  writeFileSync(file, lines.join('\n') + '\n');
  try {
    const psql = (command: string) =>
      execFileSync('psql', [databaseUrl, '-v', 'ON_ERROR_STOP=1', '-qc', command], { stdio: 'pipe' });
    const empty = Date.now();
    psql('SELECT 1');
    const overheadMs = Date.now() - empty;
    const start = Date.now();
    psql(
      `\\copy "${schema}".transactions (acquirer_id, transaction_id, merchant_id, terminal_id, occurred_at, local_date, amount_minor, fee_minor, currency, channel, type, status) FROM '${file}' WITH (FORMAT csv)`,
    );
    const elapsedMs = Math.max(1, Date.now() - start - overheadMs);
    return Math.round((rows.length / elapsedMs) * 1000);
  } finally {
    unlinkSync(file);
  }
}
