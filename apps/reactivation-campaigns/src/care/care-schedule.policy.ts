import type { OutreachChannel } from '@merchant-pulse/contracts';

/**
 * Why a return visit exists: first month, the high-value/VIP cadence, the active cadence, a low survey
 * score, or opened on demand by ops (from the at-risk worklist; `POST /v1/care/visits`).
 */
export const VISIT_KINDS = ['new_merchant', 'vip', 'active', 'survey_follow_up', 'on_demand'] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];

/** The cadences of the programme (from configuration). */
export interface CareCadence {
  /** Days after the first approved trading day a new merchant's visit is due (seeds: 首次使用后的一个月内). */
  newMerchantVisitDays: number;
  /** Months between visits of high-value merchants and gold/VIP members (seeds: 每季度). */
  vipVisitMonths: number;
  /** Months between visits of other active merchants; 0 = none. */
  activeVisitMonths: number;
}

/** What the scheduler knows of one merchant (all dates are local `YYYY-MM-DD` in its timezone). */
export interface CareCandidate {
  merchantId: string;
  status: string;
  valueTier: string | null;
  membershipTier: string | null;
  firstApprovedDate: string | null;
  lastApprovedDate: string | null;
  /** Local date of the merchant's latest return visit of any kind, if any. */
  lastVisitDate: string | null;
  /** Whether the merchant already had its new-merchant visit. */
  hadNewMerchantVisit: boolean;
}

/** A visit the scheduler should create now. */
export interface PlannedVisit {
  kind: VisitKind;
  /** With the merchant and kind, the visit's identity: one per cycle, whatever the number of runs. */
  cycleKey: string;
  channel: OutreachChannel;
  fallbackChannels: OutreachChannel[];
}

/** How long after its first trading day a merchant still counts as new (later starters of the programme are not). */
export const NEW_MERCHANT_GRACE_DAYS = 60;
/** A merchant is active for the care cadence when it traded within this many days. */
export const ACTIVE_WITHIN_DAYS = 30;
const PRIORITY_TIERS = ['gold', 'vip'];

/** Whole days from local date `a` to local date `b` (both `YYYY-MM-DD`). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** The calendar period of `months` months holding `today`: its key and first local date. */
export function cycleOf(today: string, months: number): { key: string; start: string } {
  const year = Number(today.slice(0, 4));
  const index = Math.floor((Number(today.slice(5, 7)) - 1) / months);
  const startMonth = index * months + 1;
  const key = months === 3 ? `${year}-Q${index + 1}` : `${year}-${months}m${index + 1}`;
  return { key, start: `${year}-${String(startMonth).padStart(2, '0')}-01` };
}

/** The quarter (`2026-Q1`) of a local date: the survey cycle. */
export function quarterOf(today: string): string {
  return cycleOf(today, 3).key;
}

/** High-value merchants and gold/VIP members get the priority cadence (and always a call). */
export function isPriority(c: Pick<CareCandidate, 'valueTier' | 'membershipTier'>): boolean {
  return c.valueTier === 'high' || PRIORITY_TIERS.includes(c.membershipTier ?? '');
}

/** A call for everyone except low-value merchants outside the priority tiers: they get an SMS (email fallback). */
export function visitChannels(
  c: Pick<CareCandidate, 'valueTier' | 'membershipTier'>,
): Pick<PlannedVisit, 'channel' | 'fallbackChannels'> {
  if (c.valueTier === 'low' && !isPriority(c)) return { channel: 'sms', fallbackChannels: ['email'] };
  return { channel: 'phone_task', fallbackChannels: [] };
}

/**
 * The return visit a merchant is due today, or null. Only active merchants are visited. A new merchant is
 * visited once, `newMerchantVisitDays` after its first approved day (within a grace period, so merchants
 * older than the programme are not "new"); afterwards priority merchants once per `vipVisitMonths` period
 * and other merchants that traded in the last 30 days once per `activeVisitMonths` period — skipped when
 * any visit already happened in the current period (the new-merchant one included).
 */
export function planVisit(c: CareCandidate, today: string, cadence: CareCadence): PlannedVisit | null {
  if (c.status !== 'active' || !c.firstApprovedDate) return null;
  const tenure = daysBetween(c.firstApprovedDate, today);
  const channels = visitChannels(c);
  if (tenure < cadence.newMerchantVisitDays) return null;
  if (!c.hadNewMerchantVisit && tenure <= cadence.newMerchantVisitDays + NEW_MERCHANT_GRACE_DAYS) {
    return { kind: 'new_merchant', cycleKey: 'first-month', ...channels };
  }
  const priority = isPriority(c);
  const months = priority ? cadence.vipVisitMonths : cadence.activeVisitMonths;
  if (months <= 0) return null;
  if (!priority) {
    const active =
      c.lastApprovedDate !== null && daysBetween(c.lastApprovedDate, today) <= ACTIVE_WITHIN_DAYS;
    if (!active) return null;
  }
  const cycle = cycleOf(today, months);
  if (c.lastVisitDate !== null && c.lastVisitDate >= cycle.start) return null;
  return { kind: priority ? 'vip' : 'active', cycleKey: cycle.key, ...channels };
}

/** Satisfaction at or below this score opens a follow-up call. */
export const LOW_SCORE_MAX = 2;

/** Whether a survey answer asks for a follow-up call. */
export function needsFollowUp(score: number): boolean {
  return score <= LOW_SCORE_MAX;
}

/** Payment channels that count as QR use. */
export const QR_CHANNELS = ['qr_alipay', 'qr_wechat', 'unionpay_qr'];

/**
 * 认知不足 (low feature use): a merchant that traded over the look-back (at least `minApproved` approved
 * transactions) but never through a QR channel. Returns the reason code, or null.
 */
export function lowFeatureUse(
  channelCounts: Record<string, number>,
  minApproved = 5,
): 'never_used_qr' | null {
  const total = Object.values(channelCounts).reduce((a, b) => a + b, 0);
  if (total < minApproved) return null;
  const qr = QR_CHANNELS.reduce((a, ch) => a + (channelCounts[ch] ?? 0), 0);
  return qr === 0 ? 'never_used_qr' : null;
}
