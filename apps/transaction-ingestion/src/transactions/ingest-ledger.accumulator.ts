import { utcDateOfInstant } from '../shared/local-time';
import { IngestItem, LedgerDelta, LedgerOutcome } from './ingest.model';

/**
 * Sums a chunk's outcomes per (acquirer, business date, outcome, reason, shard) so the ledger gets one
 * additive upsert per key. The business date is the UTC date of `occurredAt`.
 */
export class LedgerAccumulator {
  private readonly deltas = new Map<string, LedgerDelta>();

  /** Counts one transaction (count ±1, its amount and fee with the same sign). */
  add(item: IngestItem, outcome: LedgerOutcome, reason = '', feeMinor = 0, sign: 1 | -1 = 1): void {
    this.addRaw(
      {
        acquirerId: item.tx.acquirerId,
        businessDate: utcDateOfInstant(item.tx.occurredAt),
        outcome,
        reason,
        shard: item.partition,
      },
      sign,
      sign * item.tx.amountMinor,
      sign * feeMinor,
    );
  }

  /** Counts a message without a parsed transaction (unparseable). */
  addRaw(
    key: Omit<LedgerDelta, 'count' | 'amountMinor' | 'feeMinor'>,
    count: number,
    amountMinor = 0,
    feeMinor = 0,
  ): void {
    const id = `${key.acquirerId}|${key.businessDate}|${key.outcome}|${key.reason}|${key.shard}`;
    const delta = this.deltas.get(id);
    if (delta) {
      delta.count += count;
      delta.amountMinor += amountMinor;
      delta.feeMinor += feeMinor;
    } else this.deltas.set(id, { ...key, count, amountMinor, feeMinor });
  }

  /** The non-empty deltas, in key order (a stable lock order across concurrent chunks). */
  list(): LedgerDelta[] {
    return [...this.deltas.entries()]
      .filter(([, d]) => d.count !== 0 || d.amountMinor !== 0 || d.feeMinor !== 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, d]) => d);
  }
}
