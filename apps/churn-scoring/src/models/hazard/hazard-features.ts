// Features of the early-warning hazard model, from one merchant's daily activity up to an as-of date
// t. Every trend compares a recent window with the merchant's OWN baseline, the 8 whole weeks
// (t−84, t−28], so each weekday counts equally on both sides (a quiet-Monday shop is not "declining").
import { BgNbdParams, probabilityAlive } from '@merchant-pulse/bgnbd';
import { DailyActivity, dayNumber } from '../../activity/daily-activity';

/** Names of the features, in the order of the vector (the model object stores them too). */
export const HAZARD_FEATURES = [
  'count7Trend',
  'count14Trend',
  'count28Trend',
  'amount7Trend',
  'amount14Trend',
  'amount28Trend',
  'activeDayRatio14',
  'activeDayRatioChange',
  'recencyVsTypicalGap',
  'ticketSizeShift14',
  'cardShareShift14',
  'cardReadFailureRate14',
  'declineRate14',
  'tenure',
  'populationDeath',
  'baselineVolume',
  'noBaseline',
] as const;

export type HazardFeatureName = (typeof HAZARD_FEATURES)[number];

/** The raw evidence behind the features (for reasons in words). */
export interface HazardEvidence {
  daysSinceLast: number;
  typicalGapDays: number;
  recentAmountMinor: Record<7 | 14 | 28, number>;
  expectedAmountMinor: Record<7 | 14 | 28, number>;
  cardReadFailures14: number;
  attempts14: number;
}

/** Features of one merchant at one date (values by name) with their evidence. */
export interface HazardFeatureVector {
  values: Record<HazardFeatureName, number>;
  evidence: HazardEvidence;
}

const BASELINE_DAYS = 56;
const SPAN = 84;

interface Sums {
  count: number;
  amount: number;
  active: number;
  card: number;
  cardKnown: number;
  failures: number;
  declined: number;
}

const empty = (): Sums => ({
  count: 0,
  amount: 0,
  active: 0,
  card: 0,
  cardKnown: 0,
  failures: 0,
  declined: 0,
});

function sumRange(byAge: ReadonlyArray<DailyActivity | undefined>, from: number, to: number): Sums {
  const s = empty();
  for (let age = from; age < to; age++) {
    const d = byAge[age];
    if (!d) continue;
    s.count += d.approvedCount;
    s.amount += d.approvedAmountMinor;
    s.active += d.approvedCount > 0 ? 1 : 0;
    s.failures += d.cardReadFailureCount;
    s.declined += d.declinedCount;
    if (d.cardApprovedCount !== undefined) {
      s.card += d.cardApprovedCount;
      s.cardKnown += d.approvedCount;
    }
  }
  return s;
}

/** 90th percentile of the gaps between consecutive active days (1 = trades every day). */
function typicalGap(activeDays: readonly number[]): number {
  const gaps = activeDays.slice(1).map((d, i) => d - activeDays[i]);
  if (gaps.length === 0) return 7;
  gaps.sort((p, q) => p - q);
  return gaps[Math.min(gaps.length - 1, Math.floor(gaps.length * 0.9))];
}

const logRatio = (recent: number, expected: number, smooth: number): number =>
  Math.log((recent + smooth) / (expected + smooth));

type Window = 7 | 14 | 28;

/** What the features are computed from: the recent windows, the baseline and the activity rhythm. */
interface Profile {
  t: number;
  first: number;
  last: number;
  covered: number;
  base: Sums;
  hasBaseline: boolean;
  ticket: number;
  windows: Record<Window, Sums>;
  gap: number;
  activeDays: number;
}

function profileAt(days: readonly DailyActivity[], t: number): Profile | null {
  const byAge: Array<DailyActivity | undefined> = new Array(SPAN);
  const active: number[] = [];
  for (const d of days) {
    const n = dayNumber(d.date);
    if (n > t) continue;
    if (d.approvedCount > 0) active.push(n);
    if (t - n < SPAN) byAge[t - n] = d;
  }
  if (active.length === 0) return null;
  active.sort((p, q) => p - q);
  const first = active[0];
  const covered = Math.max(0, Math.min(BASELINE_DAYS, t - 28 - first + 1));
  const base = sumRange(byAge, 28, SPAN);
  const hasBaseline = covered >= 14 && base.count > 0;
  return {
    t,
    first,
    last: active[active.length - 1],
    covered,
    base,
    hasBaseline,
    ticket: hasBaseline ? base.amount / base.count : 1,
    windows: { 7: sumRange(byAge, 0, 7), 14: sumRange(byAge, 0, 14), 28: sumRange(byAge, 0, 28) },
    gap: typicalGap(active.filter((d) => d > t - SPAN - 28)),
    activeDays: active.length,
  };
}

/** The baseline's `key` scaled to a window of `w` days (0 without a baseline). */
const expected = (p: Profile, w: Window, key: 'count' | 'amount'): number =>
  p.hasBaseline ? (p.base[key] * w) / p.covered : 0;

function trend(p: Profile, w: Window, key: 'count' | 'amount'): number {
  if (!p.hasBaseline) return 0;
  return logRatio(p.windows[w][key], expected(p, w, key), key === 'count' ? 1 : p.ticket);
}

/** 1 − P(alive) of the population BG/NBD model (the hand score's main signal); 0 without repeat activity or a model. */
function populationDeath(p: Profile, population: BgNbdParams | null): number {
  if (population === null || p.activeDays < 2) return 0;
  return 1 - probabilityAlive(population, { x: p.activeDays - 1, tx: p.last - p.first, T: p.t - p.first });
}

function featureValues(p: Profile, population: BgNbdParams | null): Record<HazardFeatureName, number> {
  const { base, covered, hasBaseline, t } = p;
  const w14 = p.windows[14];
  const attempts14 = w14.count + w14.declined;
  return {
    count7Trend: trend(p, 7, 'count'),
    count14Trend: trend(p, 14, 'count'),
    count28Trend: trend(p, 28, 'count'),
    amount7Trend: trend(p, 7, 'amount'),
    amount14Trend: trend(p, 14, 'amount'),
    amount28Trend: trend(p, 28, 'amount'),
    activeDayRatio14: w14.active / Math.min(14, t - p.first + 1),
    activeDayRatioChange: hasBaseline ? w14.active / 14 - base.active / covered : 0,
    recencyVsTypicalGap: Math.log((t - p.last + 1) / (p.gap + 1)),
    ticketSizeShift14: hasBaseline && w14.count > 0 ? Math.log(w14.amount / w14.count / p.ticket) : 0,
    cardShareShift14:
      hasBaseline && w14.cardKnown > 0 && base.cardKnown > 0
        ? w14.card / w14.cardKnown - base.card / base.cardKnown
        : 0,
    cardReadFailureRate14: attempts14 > 0 ? w14.failures / attempts14 : 0,
    declineRate14: attempts14 > 0 ? w14.declined / attempts14 : 0,
    tenure: Math.log1p(t - p.first),
    populationDeath: populationDeath(p, population),
    baselineVolume: hasBaseline ? Math.log1p(base.amount / covered / 100) : 0,
    noBaseline: hasBaseline ? 0 : 1,
  };
}

/**
 * The feature vector of a merchant as of `asOfDate`, or null if it has no approved day by then;
 * `population` = the BG/NBD parameters fitted as of that date (for P(alive)), null to leave it out.
 */
export function hazardFeatures(
  days: readonly DailyActivity[],
  asOfDate: string,
  population: BgNbdParams | null = null,
): HazardFeatureVector | null {
  const p = profileAt(days, dayNumber(asOfDate));
  if (p === null) return null;
  const w = p.windows;
  return {
    values: featureValues(p, population),
    evidence: {
      daysSinceLast: p.t - p.last,
      typicalGapDays: p.gap,
      recentAmountMinor: { 7: w[7].amount, 14: w[14].amount, 28: w[28].amount },
      expectedAmountMinor: {
        7: expected(p, 7, 'amount'),
        14: expected(p, 14, 'amount'),
        28: expected(p, 28, 'amount'),
      },
      cardReadFailures14: w[14].failures,
      attempts14: w[14].count + w[14].declined,
    },
  };
}
