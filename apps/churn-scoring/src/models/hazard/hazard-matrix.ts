// The rescoring hot path of the hazard model on flat typed arrays: a chunk's recent daily activity as
// one array per column (merchant row × age), the feature matrix (row-major, one row per merchant, the
// columns of HAZARD_FEATURES), one dot product per row, and reasons in words built from the row
// alone. Same numbers as hazardFeatures + predictHazard on the stored activity (which has no channel
// mix and no per-terminal counts), without a per-merchant object per day or per feature.
import { RecentActivityMatrix } from '../../activity/recent-activity.matrix';
import { inSpringFestivalSeason, publicHolidayDaysAround } from './cn-calendar';
import {
  BASELINE_DAYS,
  feeView,
  HAZARD_FEATURES,
  HazardContext,
  HazardEvidence,
  HazardFeatureName,
  PopulationParams,
  populationDeathOf,
  SPAN,
  terminalsFromEpisodes,
  ticketView,
} from './hazard-features';
import { HazardContribution, HazardModel } from './hazard-model';
import { sigmoid } from './logistic-regression';

/** Number of feature columns (HAZARD_FEATURES order). */
export const FEATURE_COUNT = HAZARD_FEATURES.length;
const COLUMN = Object.fromEntries(HAZARD_FEATURES.map((f, j) => [f, j])) as Record<HazardFeatureName, number>;

/** The feature matrix of a chunk and what the reasons need beside it, one entry per row. */
export interface HazardFeatureMatrix {
  /** Row-major, FEATURE_COUNT columns in HAZARD_FEATURES order. */
  values: Float64Array;
  /** 1 when the merchant had an approved day in the lookback (else the row is empty: no warning). */
  valid: Uint8Array;
  /** Evidence numbers: days since the last active day, typical gap, longest resumed break, baseline amount and covered days. */
  daysSinceLast: Float64Array;
  typicalGap: Float64Array;
  longestBreak: Float64Array;
  baseAmount: Float64Array;
  covered: Float64Array;
  hasBaseline: Uint8Array;
}

/**
 * Features of every row as of the matrix's date: the same values as {@link hazardFeatures} with the
 * row's days and the whole-history summary; `contexts` by merchant id (tickets, fees, terminal episodes).
 */
export function hazardFeatureMatrix(
  m: RecentActivityMatrix,
  population: PopulationParams | null,
  contexts: ReadonlyMap<string, HazardContext>,
): HazardFeatureMatrix {
  const n = m.rows;
  const L = m.lookback;
  const t = m.asOfDay;
  const out: HazardFeatureMatrix = {
    values: new Float64Array(n * FEATURE_COUNT),
    valid: new Uint8Array(n),
    daysSinceLast: new Float64Array(n),
    typicalGap: new Float64Array(n),
    longestBreak: new Float64Array(n),
    baseAmount: new Float64Array(n),
    covered: new Float64Array(n),
    hasBaseline: new Uint8Array(n),
  };
  const asOf = m.asOfDate;
  const springFestival = inSpringFestivalSeason(asOf) ? 1 : 0;
  const holidays = publicHolidayDaysAround(asOf, 7, 3);
  const gapCounts = new Int32Array(L + 1);
  for (let r = 0; r < n; r++) {
    const o = r * L;
    // Oldest and newest active day in the lookback, gaps between active days, resumed breaks.
    let oldest = -1;
    let newest = -1;
    let activeInLookback = 0;
    let gaps = 0;
    let breaks = 0;
    let longest = 0;
    gapCounts.fill(0);
    let prevAge = -1;
    for (let a = L - 1; a >= 0; a--) {
      if (m.approved[o + a] <= 0) continue;
      activeInLookback += 1;
      if (oldest < 0) oldest = a;
      newest = a;
      if (prevAge >= 0) {
        const gap = prevAge - a;
        gapCounts[gap] += 1;
        gaps += 1;
        const silent = gap - 1;
        if (silent >= 3 && silent < 30) {
          breaks += 1;
          if (silent > longest) longest = silent;
        }
      }
      prevAge = a;
    }
    if (activeInLookback === 0) continue;
    out.valid[r] = 1;
    let gap = 7;
    if (gaps > 0) {
      const k = Math.min(gaps - 1, Math.floor(gaps * 0.9));
      let seen = 0;
      for (let g = 1; g <= L; g++) {
        seen += gapCounts[g];
        if (seen > k) {
          gap = g;
          break;
        }
      }
    }
    const firstInLookback = t - oldest;
    const last = t - newest;
    const summaryFirst = m.firstActive[r];
    const first = Number.isNaN(summaryFirst) ? firstInLookback : Math.min(summaryFirst, firstInLookback);
    const activeDays = Number.isNaN(summaryFirst)
      ? activeInLookback
      : Math.max(m.activeDaysTotal[r], activeInLookback);
    // Window sums (ages 0..6, 0..13, 0..27) and the baseline (ages 28..83).
    let c7 = 0;
    let c14 = 0;
    let c28 = 0;
    let a7 = 0;
    let a14 = 0;
    let a28 = 0;
    let act14 = 0;
    let dec14 = 0;
    let fail14 = 0;
    let fail7 = 0;
    let att7 = 0;
    for (let a = 0; a < 28; a++) {
      const c = m.approved[o + a];
      const amt = m.amount[o + a];
      c28 += c;
      a28 += amt;
      if (a < 14) {
        c14 += c;
        a14 += amt;
        if (c > 0) act14 += 1;
        dec14 += m.declined[o + a];
        fail14 += m.failures[o + a];
        if (a < 7) {
          c7 += c;
          a7 += amt;
          fail7 += m.failures[o + a];
          att7 += m.failures[o + a] + c;
        }
      }
    }
    let bc = 0;
    let ba = 0;
    let bact = 0;
    for (let a = 28; a < SPAN; a++) {
      const c = m.approved[o + a];
      bc += c;
      ba += m.amount[o + a];
      if (c > 0) bact += 1;
    }
    const covered = Math.max(0, Math.min(BASELINE_DAYS, t - 28 - first + 1));
    const hasBaseline = covered >= 14 && bc > 0;
    const ticket = hasBaseline ? ba / bc : 1;
    const trend = (recent: number, base: number, w: number, smooth: number): number =>
      hasBaseline ? Math.log((recent + smooth) / ((base * w) / covered + smooth)) : 0;
    const attempts14 = c14 + dec14;
    const merchantRate7 = att7 > 0 ? fail7 / att7 : 0;
    const ctx = contexts.get(m.merchantIds[r]);
    const terminals = ctx
      ? terminalsFromEpisodes(ctx, t, merchantRate7)
      : { rate7: merchantRate7, episodeDays: 0 };
    const fee = ctx ? feeView(ctx, t) : { pending: 0, inForce: 0 };
    const tickets = ctx ? ticketView(ctx, t) : { open: 0, oldest: 0 };
    const x = r * FEATURE_COUNT;
    const v = out.values;
    v[x + COLUMN.count7Trend] = trend(c7, bc, 7, 1);
    v[x + COLUMN.count14Trend] = trend(c14, bc, 14, 1);
    v[x + COLUMN.count28Trend] = trend(c28, bc, 28, 1);
    v[x + COLUMN.amount7Trend] = trend(a7, ba, 7, ticket);
    v[x + COLUMN.amount14Trend] = trend(a14, ba, 14, ticket);
    v[x + COLUMN.amount28Trend] = trend(a28, ba, 28, ticket);
    v[x + COLUMN.activeDayRatio14] = act14 / Math.min(14, t - first + 1);
    v[x + COLUMN.activeDayRatioChange] = hasBaseline ? act14 / 14 - bact / covered : 0;
    v[x + COLUMN.recencyVsTypicalGap] = Math.log((t - last + 1) / (gap + 1));
    v[x + COLUMN.ticketSizeShift14] = hasBaseline && c14 > 0 ? Math.log(a14 / c14 / ticket) : 0;
    v[x + COLUMN.cardShareShift14] = 0;
    v[x + COLUMN.cardReadFailureRate14] = attempts14 > 0 ? fail14 / attempts14 : 0;
    v[x + COLUMN.declineRate14] = attempts14 > 0 ? dec14 / attempts14 : 0;
    v[x + COLUMN.tenure] = Math.log1p(t - first);
    v[x + COLUMN.populationDeath] = populationDeathOf(population, activeDays, first, last, t);
    v[x + COLUMN.baselineVolume] = hasBaseline ? Math.log1p(ba / covered / 100) : 0;
    v[x + COLUMN.noBaseline] = hasBaseline ? 0 : 1;
    v[x + COLUMN.terminalFailureRate7] = terminals.rate7;
    v[x + COLUMN.terminalEpisodeDays] = Math.log1p(terminals.episodeDays);
    v[x + COLUMN.feeIncreasePendingBps] = fee.pending;
    v[x + COLUMN.feeIncreaseInForceBps] = fee.inForce;
    v[x + COLUMN.openTickets] = tickets.open;
    v[x + COLUMN.oldestOpenTicketAge] = Math.log1p(tickets.oldest);
    v[x + COLUMN.pastBreaksResumed] = Math.log1p(breaks);
    v[x + COLUMN.recencyVsLongestBreak] = Math.log((t - last + 1) / (Math.max(longest, gap) + 1));
    v[x + COLUMN.springFestivalSeason] = springFestival;
    v[x + COLUMN.publicHolidaysAround] = holidays;
    out.daysSinceLast[r] = t - last;
    out.typicalGap[r] = gap;
    out.longestBreak[r] = longest;
    out.baseAmount[r] = ba;
    out.covered[r] = covered;
    out.hasBaseline[r] = hasBaseline ? 1 : 0;
  }
  return out;
}

/**
 * The model as flat arrays over the feature columns: for each HAZARD_FEATURES column its model index
 * (−1 when the model does not know the feature: ignored), mean, sd and coefficient.
 */
interface CompiledModel {
  index: Int32Array;
  means: Float64Array;
  sds: Float64Array;
  coefficients: Float64Array;
}

function compile(model: HazardModel): CompiledModel {
  const index = new Int32Array(model.features.length);
  model.features.forEach((f, j) => (index[j] = (COLUMN as Record<string, number>)[f] ?? -1));
  return {
    index,
    means: Float64Array.from(model.means),
    sds: Float64Array.from(model.sds),
    coefficients: Float64Array.from(model.coefficients),
  };
}

/** Logits (one dot product per valid row) and calibrated pDormant30d of every row (NaN for invalid rows). */
export function scoreFeatureMatrix(
  model: HazardModel,
  f: HazardFeatureMatrix,
): { logits: Float64Array; pDormant30d: Float64Array } {
  const c = compile(model);
  const n = f.valid.length;
  const logits = new Float64Array(n).fill(Number.NaN);
  const p = new Float64Array(n).fill(Number.NaN);
  const d = c.index.length;
  for (let r = 0; r < n; r++) {
    if (!f.valid[r]) continue;
    const x = r * FEATURE_COUNT;
    let logit = model.intercept;
    for (let j = 0; j < d; j++) {
      const col = c.index[j];
      // A feature the model knows but the matrix lacks reads as its mean: contribution 0.
      const value = col < 0 ? c.means[j] : f.values[x + col];
      logit += c.coefficients[j] * ((value - c.means[j]) / c.sds[j]);
    }
    logits[r] = logit;
    p[r] = sigmoid(model.platt.a * logit + model.platt.b);
  }
  return { logits, pDormant30d: p };
}

/** The `limit` features of row `r` that pushed its logit up most (contribution > 0), largest first, ties in model order. */
export function topDrivers(
  model: HazardModel,
  f: HazardFeatureMatrix,
  r: number,
  limit = 3,
): HazardContribution[] {
  const x = r * FEATURE_COUNT;
  const top: HazardContribution[] = [];
  model.features.forEach((feature, j) => {
    const col = (COLUMN as Record<string, number>)[feature] ?? -1;
    const value = col < 0 ? model.means[j] : f.values[x + col];
    const contribution = model.coefficients[j] * ((value - model.means[j]) / model.sds[j]);
    if (!(contribution > 0)) return;
    let at = top.length;
    while (at > 0 && top[at - 1].contribution < contribution) at--;
    if (at >= limit) return;
    top.splice(at, 0, { feature, value, contribution });
    if (top.length > limit) top.pop();
  });
  return top;
}

/** The evidence behind row `r`'s reasons (built only for the rows whose reasons are written). */
export function rowEvidence(
  m: RecentActivityMatrix,
  f: HazardFeatureMatrix,
  r: number,
  context: HazardContext | undefined,
): HazardEvidence {
  const L = m.lookback;
  const o = r * L;
  const t = m.asOfDay;
  const recent = { 7: 0, 14: 0, 28: 0 };
  let failures14 = 0;
  let attempts14 = 0;
  let fail7 = 0;
  let att7 = 0;
  for (let a = 0; a < 28; a++) {
    const amount = m.amount[o + a];
    recent[28] += amount;
    if (a < 14) {
      recent[14] += amount;
      failures14 += m.failures[o + a];
      attempts14 += m.approved[o + a] + m.declined[o + a];
      if (a < 7) {
        recent[7] += amount;
        fail7 += m.failures[o + a];
        att7 += m.failures[o + a] + m.approved[o + a];
      }
    }
  }
  const expected = (w: 7 | 14 | 28): number => (f.hasBaseline[r] ? (f.baseAmount[r] * w) / f.covered[r] : 0);
  const ctx = context ?? {};
  const terminals = terminalsFromEpisodes(ctx, t, att7 > 0 ? fail7 / att7 : 0);
  const fee = feeView(ctx, t);
  const tickets = ticketView(ctx, t);
  return {
    worstTerminal: terminals.worst,
    feeIncrease: fee.evidence,
    openTickets: tickets.open,
    oldestOpenTicketDays: tickets.oldest,
    longestResumedBreakDays: f.longestBreak[r],
    daysSinceLast: f.daysSinceLast[r],
    typicalGapDays: f.typicalGap[r],
    recentAmountMinor: recent,
    expectedAmountMinor: { 7: expected(7), 14: expected(14), 28: expected(28) },
    cardReadFailures14: failures14,
    attempts14,
  };
}

/** The value of feature `name` in row `r`. */
export function featureValue(f: HazardFeatureMatrix, r: number, name: HazardFeatureName): number {
  return f.values[r * FEATURE_COUNT + COLUMN[name]];
}
