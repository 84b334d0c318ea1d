import { readFileSync } from 'node:fs';
import { DailyActivity } from '../activity/daily-activity';

type Plain = Record<string, unknown>;
const num = (v: unknown): number => (v === undefined || v === null || v === '' ? 0 : Number(v));

/** Approved card purchases: a flat `cardApprovedCount`, or credit + debit of a `byChannel` breakdown. */
function cardCount(p: Plain): number | undefined {
  if (p.cardApprovedCount !== undefined && p.cardApprovedCount !== '') return num(p.cardApprovedCount);
  const by = p.byChannel as Record<string, { count?: unknown }> | undefined;
  if (typeof by !== 'object' || by === null) return undefined;
  return num(by.credit?.count) + num(by.debit?.count);
}

/**
 * One record → (merchantId, day, asOf). Accepts flat rows `{merchantId, date, approvedCount, ...}` and
 * MerchantDailyActivity envelopes `{merchantId, payload: {date, approvedCount, ..., asOf}}`.
 */
function toDay(record: Plain): { merchantId: string; asOf: string; day: DailyActivity } {
  const p = (
    typeof record.payload === 'object' && record.payload !== null ? record.payload : record
  ) as Plain;
  const merchantId = String(record.merchantId ?? p.merchantId ?? '');
  const date = String(p.date ?? '').slice(0, 10);
  if (!merchantId || !/^\d{4}-\d{2}-\d{2}$/.test(date))
    throw new Error(`activity record without merchantId/date: ${JSON.stringify(record).slice(0, 200)}`);
  const day: DailyActivity = {
    date,
    approvedCount: num(p.approvedCount),
    declinedCount: num(p.declinedCount),
    approvedAmountMinor: num(p.approvedAmountMinor),
    feeMinor: num(p.feeMinor),
    cardReadFailureCount: num(p.cardReadFailureCount),
  };
  const card = cardCount(p);
  if (card !== undefined) day.cardApprovedCount = card;
  return { merchantId, asOf: String(p.asOf ?? ''), day };
}

function records(text: string, path: string): Plain[] {
  const trimmed = text.trim();
  if (path.endsWith('.csv')) {
    const [header, ...lines] = trimmed.split(/\r?\n/);
    const columns = header.split(',').map((c) => c.trim());
    return lines
      .filter((l) => l.trim())
      .map((l) => Object.fromEntries(l.split(',').map((v, i) => [columns[i], v.trim()])));
  }
  if (trimmed.startsWith('[')) return JSON.parse(trimmed) as Plain[];
  return trimmed
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Plain);
}

/**
 * Reads daily activity per merchant from a JSON array, JSON lines or CSV file (header with
 * merchantId,date,approvedCount[,declinedCount,approvedAmountMinor,feeMinor,cardReadFailureCount,cardApprovedCount]).
 * Several snapshots of one merchant-day: the latest asOf wins (the last one read on a tie).
 */
export function readActivityFile(path: string): Map<string, DailyActivity[]> {
  const latest = new Map<string, { merchantId: string; asOf: string; day: DailyActivity }>();
  for (const record of records(readFileSync(path, 'utf8'), path)) {
    const r = toDay(record);
    const key = `${r.merchantId}|${r.day.date}`;
    const kept = latest.get(key);
    if (!kept || kept.asOf <= r.asOf) latest.set(key, r);
  }
  const out = new Map<string, DailyActivity[]>();
  for (const { merchantId, day } of latest.values())
    out.set(merchantId, [...(out.get(merchantId) ?? []), day]);
  return out;
}
