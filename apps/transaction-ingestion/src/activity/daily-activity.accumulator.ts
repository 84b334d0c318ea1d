import { CHANNELS } from '@merchant-pulse/contracts';
import { PricedTransaction } from '../transactions/ingest.model';

/** Additive change to one (merchant, local date) row of `daily_activity`. */
export interface DailyActivityDelta {
  merchantId: string;
  localDate: string;
  timezone: string;
  currency: string;
  approvedCount: number;
  approvedAmountMinor: number;
  declinedCount: number;
  refundCount: number;
  refundAmountMinor: number;
  reversalCount: number;
  reversalAmountMinor: number;
  feeMinor: number;
  cardReadFailureCount: number;
  /** [count, amount, fee] per channel in CHANNELS order. */
  byChannel: number[];
  hourlyApproved: number[];
  terminalIds: string[];
  firstApprovedAt: string | null;
  lastApprovedAt: string | null;
}

const CHANNEL_INDEX = new Map<string, number>(CHANNELS.map((c, i) => [c, i * 3]));

/**
 * Folds a chunk's accepted transactions into per merchant-day deltas. Approved purchases feed counts,
 * amounts, fees, channels and the hour histogram; refunds their own totals; declines (any type) the
 * decline and card-read-failure counts. An approved reversal cancels its original ON THE ORIGINAL'S
 * DATE: reversal totals grow by the original's amount and the original's fee is taken back.
 */
export class DailyActivityAccumulator {
  private readonly rows = new Map<string, DailyActivityDelta>();

  add(p: PricedTransaction): void {
    const tx = p.item.tx;
    if (tx.type === 'reversal' && tx.status === 'approved' && p.original) {
      this.addReversal(p);
      return;
    }
    const row = this.row(p.merchant.merchantId, p.localDate, p);
    addTerminal(row, tx.terminalId);
    if (tx.status === 'declined') {
      row.declinedCount += 1;
      if (p.cardReadFailure) row.cardReadFailureCount += 1;
      return;
    }
    if (tx.type === 'refund') {
      row.refundCount += 1;
      row.refundAmountMinor += tx.amountMinor;
      return;
    }
    if (tx.type !== 'purchase') return;
    const c = CHANNEL_INDEX.get(tx.channel)!;
    row.approvedCount += 1;
    row.approvedAmountMinor += tx.amountMinor;
    row.feeMinor += p.feeMinor;
    row.byChannel[c] += 1;
    row.byChannel[c + 1] += tx.amountMinor;
    row.byChannel[c + 2] += p.feeMinor;
    row.hourlyApproved[p.hour] += 1;
    const at = new Date(p.occurredMs).toISOString();
    if (row.firstApprovedAt === null || at < row.firstApprovedAt) row.firstApprovedAt = at;
    if (row.lastApprovedAt === null || at > row.lastApprovedAt) row.lastApprovedAt = at;
  }

  list(): DailyActivityDelta[] {
    return [...this.rows.values()].sort((a, b) =>
      a.merchantId === b.merchantId
        ? a.localDate < b.localDate
          ? -1
          : 1
        : a.merchantId < b.merchantId
          ? -1
          : 1,
    );
  }

  private addReversal(p: PricedTransaction): void {
    const original = p.original!;
    const row = this.row(p.merchant.merchantId, original.localDate, p);
    addTerminal(row, p.item.tx.terminalId);
    const c = CHANNEL_INDEX.get(original.channel)!;
    row.reversalCount += 1;
    row.reversalAmountMinor += original.amountMinor;
    row.feeMinor -= original.feeMinor;
    row.byChannel[c + 2] -= original.feeMinor;
  }

  private row(merchantId: string, localDate: string, p: PricedTransaction): DailyActivityDelta {
    const key = `${merchantId}|${localDate}`;
    let row = this.rows.get(key);
    if (!row) {
      row = emptyDelta(merchantId, localDate, p.merchant.timezone, p.merchant.currency);
      this.rows.set(key, row);
    }
    return row;
  }
}

function addTerminal(row: DailyActivityDelta, terminalId: string): void {
  if (!row.terminalIds.includes(terminalId)) row.terminalIds.push(terminalId);
}

function emptyDelta(
  merchantId: string,
  localDate: string,
  timezone: string,
  currency: string,
): DailyActivityDelta {
  return {
    merchantId,
    localDate,
    timezone,
    currency,
    approvedCount: 0,
    approvedAmountMinor: 0,
    declinedCount: 0,
    refundCount: 0,
    refundAmountMinor: 0,
    reversalCount: 0,
    reversalAmountMinor: 0,
    feeMinor: 0,
    cardReadFailureCount: 0,
    byChannel: new Array<number>(CHANNELS.length * 3).fill(0),
    hourlyApproved: new Array<number>(24).fill(0),
    terminalIds: [],
    firstApprovedAt: null,
    lastApprovedAt: null,
  };
}
