import type { EventOf } from '@merchant-pulse/contracts';

/** What one accrual rule is measured on. */
export type RuleBasis = 'card_volume' | 'qr_volume' | 'trading_day';
export const RULE_BASES: readonly RuleBasis[] = ['card_volume', 'qr_volume', 'trading_day'];

/** One version of an accrual rule, in force from `effectiveFrom` until the next version of the same rule. */
export interface AccrualRule {
  ruleId: string;
  version: number;
  basis: RuleBasis;
  /** Points per `perMinor` of net volume, or per active trading day. 0 retires the rule. */
  points: number;
  /** Volume unit in fen (e.g. 10000 = 100 CNY); null for `trading_day`. */
  perMinor: number | null;
  /** Local date, `YYYY-MM-DD`. */
  effectiveFrom: string;
  description: string;
}

/** The parts of a day snapshot accrual depends on (fen). */
export interface DayVolumes {
  merchantId: string;
  date: string;
  asOf: string;
  approvedCount: number;
  /** Card (credit + debit) purchases less their share of the day's refunds and reversals. */
  cardNetMinor: number;
  /** QR purchases less their share of the day's refunds and reversals. */
  qrNetMinor: number;
}

/**
 * Net card and QR volume of a day. The snapshot splits purchases by channel but not refunds and
 * reversals: those are shared pro rata to the day's gross channel mix (rounded half away from zero
 * onto the card side), and a day with refunds but no purchases charges them all to card. A day's net
 * may be negative (refunds of earlier days' purchases): its points are then negative.
 */
export function dayVolumes(event: EventOf<'MerchantDailyActivity'>): DayVolumes {
  const p = event.payload;
  const c = p.byChannel;
  const card = c.credit.amountMinor + c.debit.amountMinor;
  const qr = c.qr_alipay.amountMinor + c.qr_wechat.amountMinor + c.unionpay_qr.amountMinor;
  const returned = p.refundAmountMinor + p.reversalAmountMinor;
  const gross = card + qr;
  const cardReturned = gross > 0 ? Math.round((returned * card) / gross) : returned;
  return {
    merchantId: event.merchantId,
    date: p.date,
    asOf: p.asOf,
    approvedCount: p.approvedCount,
    cardNetMinor: card - cardReturned,
    qrNetMinor: qr - (returned - cardReturned),
  };
}

/**
 * The version of each rule in force on `date` (the latest `effectiveFrom` on or before it). Rules
 * are never back-dated, so a day's rule versions — and its points — never change after the fact.
 */
export function rulesInForce(rules: readonly AccrualRule[], date: string): AccrualRule[] {
  const byId = new Map<string, AccrualRule>();
  for (const r of rules) {
    if (r.effectiveFrom > date) continue;
    const kept = byId.get(r.ruleId);
    if (!kept || kept.effectiveFrom < r.effectiveFrom) byId.set(r.ruleId, r);
  }
  return [...byId.values()].sort((a, b) => a.ruleId.localeCompare(b.ruleId));
}

/**
 * Points a day earns under one rule: whole units of net volume only (truncated toward zero, so a
 * refund of the same amount later takes back exactly what was given), or a flat amount per trading day.
 */
export function pointsFor(rule: AccrualRule, day: DayVolumes): number {
  switch (rule.basis) {
    case 'trading_day':
      return day.approvedCount > 0 ? rule.points : 0;
    case 'card_volume':
      return Math.trunc(day.cardNetMinor / rule.perMinor!) * rule.points;
    case 'qr_volume':
      return Math.trunc(day.qrNetMinor / rule.perMinor!) * rule.points;
  }
}

/** Keeps, per (merchant, date), only the snapshot with the latest asOf (a chunk may hold several). */
export function latestDays(days: readonly DayVolumes[]): DayVolumes[] {
  const latest = new Map<string, DayVolumes>();
  for (const d of days) {
    const key = `${d.merchantId}|${d.date}`;
    const kept = latest.get(key);
    if (!kept || Date.parse(kept.asOf) < Date.parse(d.asOf)) latest.set(key, d);
  }
  return [...latest.values()];
}

/** `date` plus whole calendar months (end-of-month clamped: 2026-01-31 + 1 → 2026-02-28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

/**
 * FIFO expiry: debits (redemptions, negative corrections and adjustments, earlier expiries) consume
 * the oldest lots first, so of the lots expiring by a date, what is still unspent is their total
 * less every debit so far — never negative.
 */
export function expiringPoints(creditsExpiredByDate: number, debitsSoFar: number): number {
  return Math.max(0, creditsExpiredByDate - debitsSoFar);
}
