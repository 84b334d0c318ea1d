import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { PricedTransaction } from '../transactions/ingest.model';

/** Width of one terminal activity bucket; the health window sums the last buckets. */
export const BUCKET_MS = 5 * 60_000;

/** Per-terminal activity in five-minute buckets of occurredAt (the health detector's input). */
@Injectable()
export class TerminalActivityRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Adds the chunk's accepted transactions to their terminals' buckets (one statement). */
  async record(manager: EntityManager, accepted: readonly PricedTransaction[]): Promise<void> {
    const buckets = new Map<
      string,
      { t: string; b: number; m: string; n: number; d: number; r: number; last: number }
    >();
    for (const p of accepted) {
      const tx = p.item.tx;
      const b = p.occurredMs - (p.occurredMs % BUCKET_MS);
      const key = `${tx.terminalId}|${b}`;
      let entry = buckets.get(key);
      if (!entry) {
        entry = { t: tx.terminalId, b, m: tx.merchantId, n: 0, d: 0, r: 0, last: p.occurredMs };
        buckets.set(key, entry);
      }
      entry.n += 1;
      if (tx.status === 'declined') entry.d += 1;
      if (p.cardReadFailure) entry.r += 1;
      if (p.occurredMs > entry.last) entry.last = p.occurredMs;
    }
    if (buckets.size === 0) return;
    const list = [...buckets.values()].sort((x, y) => (x.t < y.t ? -1 : x.t > y.t ? 1 : x.b - y.b));
    const join = (pick: (e: (typeof list)[number]) => string | number) => list.map(pick).join(' ');
    // Space-separated lists (terminal and merchant ids are printable ASCII without spaces): far cheaper
    // than the driver's per-element array escaping.
    await manager.query(
      `INSERT INTO terminal_activity AS a (terminal_id, bucket_start, merchant_id, total, declines, read_failures, last_tx_at)
       SELECT t, to_timestamp(b / 1000.0), m, n, d, r, to_timestamp(l / 1000.0)
         FROM unnest(string_to_array($1, ' '), string_to_array($2, ' ')::bigint[], string_to_array($3, ' '),
           string_to_array($4, ' ')::int[], string_to_array($5, ' ')::int[], string_to_array($6, ' ')::int[],
           string_to_array($7, ' ')::bigint[]) AS u(t, b, m, n, d, r, l)
       ON CONFLICT (terminal_id, bucket_start) DO UPDATE SET total = a.total + EXCLUDED.total,
         declines = a.declines + EXCLUDED.declines, read_failures = a.read_failures + EXCLUDED.read_failures,
         last_tx_at = GREATEST(a.last_tx_at, EXCLUDED.last_tx_at)`,
      [
        join((e) => e.t),
        join((e) => e.b),
        join((e) => e.m),
        join((e) => e.n),
        join((e) => e.d),
        join((e) => e.r),
        join((e) => e.last),
      ],
    );
  }
}
