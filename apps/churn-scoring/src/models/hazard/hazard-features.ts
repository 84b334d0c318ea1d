// Features of the early-warning hazard model, from one merchant's daily activity up to an as-of date
// t. Every trend compares a recent window with the merchant's OWN baseline, the 8 whole weeks
// (t−84, t−28], so each weekday counts equally on both sides (a quiet-Monday shop is not "declining").
import { BgBbParams, BgNbdParams, bgBbProbabilityAlive, probabilityAlive } from '@merchant-pulse/bgnbd';
import { addDays, DailyActivity, dayNumber } from '../../activity/daily-activity';
import { inSpringFestivalSeason, publicHolidayDaysAround } from './cn-calendar';

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
  'terminalFailureRate7',
  'terminalEpisodeDays',
  'feeIncreasePendingBps',
  'feeIncreaseInForceBps',
  'openTickets',
  'oldestOpenTicketAge',
  'pastBreaksResumed',
  'recencyVsLongestBreak',
  'springFestivalSeason',
  'publicHolidaysAround',
] as const;

/**
 * What the model knows of a merchant beside its activity (registry, tickets, terminal health), each
 * item dated so a training row at an as-of date only sees what was known by then.
 */
export interface HazardContext {
  /** Fee increases announced to the merchant (merchant.lifecycle.v1 FeeChangeAnnounced). */
  feeIncreases?: ReadonlyArray<{
    announcedOn: string;
    effectiveFrom: string;
    fromBps: number;
    toBps: number;
  }>;
  /** Support tickets (opened, and closed when known). */
  tickets?: ReadonlyArray<{ openedOn: string; closedOn?: string | null }>;
  /** Terminal health episodes (terminal.health.v1 card-read failures) when per-terminal counts are not in the activity. */
  terminalEpisodes?: ReadonlyArray<{ terminalId: string; since: string; until?: string | null }>;
}

export const NO_CONTEXT: HazardContext = {};

export type HazardFeatureName = (typeof HAZARD_FEATURES)[number];

type ContextFeature =
  | 'terminalFailureRate7'
  | 'terminalEpisodeDays'
  | 'feeIncreasePendingBps'
  | 'feeIncreaseInForceBps'
  | 'openTickets'
  | 'oldestOpenTicketAge'
  | 'pastBreaksResumed'
  | 'recencyVsLongestBreak'
  | 'springFestivalSeason'
  | 'publicHolidaysAround';

/** The raw evidence behind the features (for reasons in words). */
export interface HazardEvidence {
  daysSinceLast: number;
  typicalGapDays: number;
  recentAmountMinor: Record<7 | 14 | 28, number>;
  expectedAmountMinor: Record<7 | 14 | 28, number>;
  cardReadFailures14: number;
  attempts14: number;
  /** Worst terminal over the last 7 days (per-terminal counts or a health episode), null if none stands out. */
  worstTerminal: { terminalId: string; failureRate: number | null; since: string } | null;
  /** The fee increase pending or recently in force, with its dates. */
  feeIncrease: { fromBps: number; toBps: number; effectiveFrom: string; daysToEffective: number } | null;
  openTickets: number;
  oldestOpenTicketDays: number;
  /** Longest silence (3–29 days) the merchant came back from before. */
  longestResumedBreakDays: number;
}

/** Features of one merchant at one date (values by name) with their evidence. */
export interface HazardFeatureVector {
  values: Record<HazardFeatureName, number>;
  evidence: HazardEvidence;
}

/** Days of the baseline window (the 8 whole weeks before the most recent 4). */
export const BASELINE_DAYS = 56;
/** Days from the as-of date back to the start of the baseline (ages 0..SPAN−1 are read by the windows). */
export const SPAN = 84;
/**
 * Days of activity any feature reads besides the first active date and the count of active days
 * (rhythm, break pattern, terminals): rescoring loads only these.
 */
export const HAZARD_LOOKBACK_DAYS = SPAN + 28;

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
export function typicalGap(activeDays: readonly number[]): number {
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
  active: number[];
}

/**
 * What the model reads beyond the loaded days when rescoring loads only recent ones: the first active
 * date and the number of active days in the whole history (for tenure and P(alive)).
 */
export interface HistorySummary {
  firstActiveDate: string;
  activeDays: number;
}

function profileAt(
  days: readonly DailyActivity[],
  t: number,
  summary?: HistorySummary | null,
): Profile | null {
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
  const first = summary ? Math.min(dayNumber(summary.firstActiveDate), active[0]) : active[0];
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
    gap: typicalGap(active.filter((d) => d > t - HAZARD_LOOKBACK_DAYS)),
    activeDays: summary ? Math.max(summary.activeDays, active.length) : active.length,
    active,
  };
}

/** The baseline's `key` scaled to a window of `w` days (0 without a baseline). */
const expected = (p: Profile, w: Window, key: 'count' | 'amount'): number =>
  p.hasBaseline ? (p.base[key] * w) / p.covered : 0;

function trend(p: Profile, w: Window, key: 'count' | 'amount'): number {
  if (!p.hasBaseline) return 0;
  return logRatio(p.windows[w][key], expected(p, w, key), key === 'count' ? 1 : p.ticket);
}

/**
 * The population model P(alive) is read from: BG/NBD parameters, or BG/BB ones (`{ bgbb }`) when that
 * model fits the merchants' daily opportunities better (the training picks it by AIC).
 */
export type PopulationParams = BgNbdParams | { bgbb: BgBbParams };

/** 1 − P(alive) of the population model (the hand score's main signal); 0 without repeat activity or a model. */
function populationDeath(p: Profile, population: PopulationParams | null): number {
  return populationDeathOf(population, p.activeDays, p.first, p.last, p.t);
}

/** 1 − P(alive) from the day numbers of the first and last active day, the active-day count and t. */
export function populationDeathOf(
  population: PopulationParams | null,
  activeDays: number,
  first: number,
  last: number,
  t: number,
): number {
  if (population === null || activeDays < 2) return 0;
  const history = { x: activeDays - 1, tx: last - first, T: t - first };
  if ('bgbb' in population)
    return 1 - bgBbProbabilityAlive(population.bgbb, { x: history.x, tx: history.tx, n: history.T });
  return 1 - probabilityAlive(population, history);
}

/** A terminal failing ≥ 15% of card reads on the day (with at least 5 card attempts). */
const FAILING_DAY_RATE = 0.15;

export interface TerminalView {
  rate7: number;
  episodeDays: number;
  worst: HazardEvidence['worstTerminal'];
}

/** Worst terminal over the last 7 days from per-terminal counts, and how long its failing episode has run. */
function terminalsFromActivity(days: readonly DailyActivity[], t: number): TerminalView | null {
  const byTerminal = new Map<string, Map<number, { a: number; f: number }>>();
  let seen = false;
  for (const d of days) {
    if (!d.terminals) continue;
    seen = true;
    const n = dayNumber(d.date);
    if (n > t || t - n >= 56) continue;
    for (const x of d.terminals) {
      let m = byTerminal.get(x.terminalId);
      if (!m) byTerminal.set(x.terminalId, (m = new Map()));
      m.set(n, { a: x.cardAttempts, f: x.failures });
    }
  }
  if (!seen) return null;
  let best: TerminalView = { rate7: 0, episodeDays: 0, worst: null };
  for (const [terminalId, m] of byTerminal) {
    let a = 0;
    let f = 0;
    for (let n = t - 6; n <= t; n++) {
      const x = m.get(n);
      if (!x) continue;
      a += x.a;
      f += x.f;
    }
    if (a < 10) continue;
    const rate = f / a;
    if (rate <= best.rate7) continue;
    let start = t + 1;
    for (let n = t; n > t - 56; n--) {
      const x = m.get(n);
      if (!x || x.a < 5) continue;
      if (x.f / x.a < FAILING_DAY_RATE) break;
      start = n;
    }
    const episodeDays = start > t ? 0 : t - start + 1;
    best = {
      rate7: rate,
      episodeDays,
      worst:
        rate >= FAILING_DAY_RATE
          ? { terminalId, failureRate: rate, since: addDays('1970-01-01', start > t ? t : start) }
          : null,
    };
  }
  return best;
}

/** Terminal view from health episodes (stored activity has no per-terminal counts): the merchant-level rate stands in. */
export function terminalsFromEpisodes(ctx: HazardContext, t: number, merchantRate7: number): TerminalView {
  const open = (ctx.terminalEpisodes ?? [])
    .filter((e) => dayNumber(e.since) <= t && (!e.until || dayNumber(e.until) > t))
    .sort((a, b) => a.since.localeCompare(b.since));
  if (open.length === 0) return { rate7: merchantRate7, episodeDays: 0, worst: null };
  const e = open[0];
  return {
    rate7: merchantRate7,
    episodeDays: t - dayNumber(e.since) + 1,
    worst: { terminalId: e.terminalId, failureRate: null, since: e.since },
  };
}

/** Silences of 3–29 days the merchant came back from (before the current one). */
export function resumedBreaks(activeDays: readonly number[]): { count: number; longest: number } {
  let count = 0;
  let longest = 0;
  for (let i = 1; i < activeDays.length; i++) {
    const silent = activeDays[i] - activeDays[i - 1] - 1;
    if (silent >= 3 && silent < 30) {
      count += 1;
      longest = Math.max(longest, silent);
    }
  }
  return { count, longest };
}

export function feeView(
  ctx: HazardContext,
  t: number,
): { pending: number; inForce: number; evidence: HazardEvidence['feeIncrease'] } {
  let pending = 0;
  let inForce = 0;
  let evidence: HazardEvidence['feeIncrease'] = null;
  for (const f of ctx.feeIncreases ?? []) {
    if (dayNumber(f.announcedOn) > t || f.toBps <= f.fromBps) continue;
    const toEffective = dayNumber(f.effectiveFrom) - t;
    const bps = f.toBps - f.fromBps;
    if (toEffective > 0 && toEffective <= 60) pending = Math.max(pending, bps);
    else if (toEffective <= 0 && toEffective > -30) inForce = Math.max(inForce, bps);
    else continue;
    evidence = {
      fromBps: f.fromBps,
      toBps: f.toBps,
      effectiveFrom: f.effectiveFrom,
      daysToEffective: toEffective,
    };
  }
  return { pending, inForce, evidence };
}

export function ticketView(ctx: HazardContext, t: number): { open: number; oldest: number } {
  let open = 0;
  let oldest = 0;
  for (const k of ctx.tickets ?? []) {
    const opened = dayNumber(k.openedOn);
    if (opened > t || (k.closedOn && dayNumber(k.closedOn) <= t)) continue;
    open += 1;
    oldest = Math.max(oldest, t - opened);
  }
  return { open, oldest };
}

/** The features beyond the activity trends: terminals, fees, tickets, break pattern, calendar. */
function contextValues(
  days: readonly DailyActivity[],
  p: Profile,
  ctx: HazardContext,
  active: readonly number[],
): {
  values: Partial<Record<HazardFeatureName, number>>;
  evidence: Omit<HazardEvidence, keyof BaseEvidence>;
} {
  const w7 = sumRange7(days, p.t);
  const merchantRate7 = w7.attempts > 0 ? w7.failures / w7.attempts : 0;
  const terminals = terminalsFromActivity(days, p.t) ?? terminalsFromEpisodes(ctx, p.t, merchantRate7);
  const fee = feeView(ctx, p.t);
  const tickets = ticketView(ctx, p.t);
  const breaks = resumedBreaks(active.filter((d) => d > p.t - HAZARD_LOOKBACK_DAYS));
  const asOf = addDays('1970-01-01', p.t);
  return {
    values: {
      terminalFailureRate7: terminals.rate7,
      terminalEpisodeDays: Math.log1p(terminals.episodeDays),
      feeIncreasePendingBps: fee.pending,
      feeIncreaseInForceBps: fee.inForce,
      openTickets: tickets.open,
      oldestOpenTicketAge: Math.log1p(tickets.oldest),
      pastBreaksResumed: Math.log1p(breaks.count),
      recencyVsLongestBreak: Math.log((p.t - p.last + 1) / (Math.max(breaks.longest, p.gap) + 1)),
      springFestivalSeason: inSpringFestivalSeason(asOf) ? 1 : 0,
      publicHolidaysAround: publicHolidayDaysAround(asOf, 7, 3),
    },
    evidence: {
      worstTerminal: terminals.worst,
      feeIncrease: fee.evidence,
      openTickets: tickets.open,
      oldestOpenTicketDays: tickets.oldest,
      longestResumedBreakDays: breaks.longest,
    },
  };
}

/** Card-present attempts (approved card + failures) and card-read failures over the last 7 days. */
function sumRange7(days: readonly DailyActivity[], t: number): { attempts: number; failures: number } {
  let attempts = 0;
  let failures = 0;
  for (const d of days) {
    const n = dayNumber(d.date);
    if (n > t || t - n >= 7) continue;
    failures += d.cardReadFailureCount;
    attempts += d.cardReadFailureCount + (d.cardApprovedCount ?? d.approvedCount);
  }
  return { attempts, failures };
}

type BaseEvidence = Pick<
  HazardEvidence,
  | 'daysSinceLast'
  | 'typicalGapDays'
  | 'recentAmountMinor'
  | 'expectedAmountMinor'
  | 'cardReadFailures14'
  | 'attempts14'
>;

function featureValues(
  p: Profile,
  population: PopulationParams | null,
): Omit<Record<HazardFeatureName, number>, ContextFeature> {
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
  population: PopulationParams | null = null,
  context: HazardContext = NO_CONTEXT,
  summary: HistorySummary | null = null,
): HazardFeatureVector | null {
  const p = profileAt(days, dayNumber(asOfDate), summary);
  if (p === null) return null;
  const w = p.windows;
  const extra = contextValues(days, p, context, p.active);
  return {
    values: { ...featureValues(p, population), ...extra.values } as Record<HazardFeatureName, number>,
    evidence: {
      ...extra.evidence,
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
