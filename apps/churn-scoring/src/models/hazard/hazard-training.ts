// Trains the hazard model on the acquirer's own history, as of a date t and with data up to t only:
// merchant-weeks at rolling as-of dates s (weekly), each labelled by what happened next — did the
// merchant, still trading at s, start a dormancy (dormantAfterDays without an approved transaction)
// within the horizon? Labels must be fully observed by t, so s ≤ t − horizon − dormantAfterDays. The
// latest `calibrationWeeks` dates are held out to fit the Platt calibration.
import { comparePopulationModels, CustomerHistory, fitBgBb, toBgBbPatterns } from '@merchant-pulse/bgnbd';
import { aggregateActivity } from '../../activity/activity-windows';
import { addDays, DailyActivity, dayNumber } from '../../activity/daily-activity';
import { deriveObservedTruth } from '../../backtests/ground-truth';
import {
  HAZARD_FEATURES,
  HazardContext,
  HazardFeatureName,
  hazardFeatures,
  NO_CONTEXT,
  PopulationParams,
} from './hazard-features';
import { fitPopulationModel } from '../population-model';
import { columnMoments, HazardModel } from './hazard-model';
import { fitLogistic } from './logistic-regression';

/** Options of {@link trainHazardModel}. */
export interface HazardTrainingOptions {
  activity: ReadonlyMap<string, readonly DailyActivity[]>;
  /** Train with the data up to this date only. */
  asOfDate: string;
  horizonDays?: number;
  dormantAfterDays?: number;
  /** Still trading = an approved transaction in the last N days (default 7). */
  activeWithinDays?: number;
  /** Weekly as-of dates held out for calibration (default 4). */
  calibrationWeeks?: number;
  /** L2 penalty on the standardised coefficients (default 1). */
  lambda?: number;
  /** Population model for the P(alive) feature (default: whichever of BG/NBD and BG/BB has the lower AIC at asOfDate). */
  populationKind?: PopulationKind;
  /** Earliest training as-of date (default: 28 days after the first day of data). */
  earliestAsOfDate?: string;
  /** What is known of each merchant beside its activity (fee increases, tickets, terminal episodes), dated. */
  contexts?: ReadonlyMap<string, HazardContext>;
}

interface Rows {
  x: number[][];
  y: boolean[];
  /** The feature values by name (kept for evaluating other model versions on the same rows). */
  values?: Array<Record<HazardFeatureName, number>>;
}

/** Daily histories (x repeat active days, t_x, T in days) of the merchants with activity by `s`. */
function historiesAt(activity: ReadonlyMap<string, readonly DailyActivity[]>, s: string): CustomerHistory[] {
  return [...activity.values()].flatMap((days) => {
    const w = aggregateActivity(days, s, 30);
    if (w.activeDays === 0) return [];
    const first = dayNumber(w.firstActiveDate!);
    return [{ x: w.activeDays - 1, tx: dayNumber(w.lastActiveDate!) - first, T: dayNumber(s) - first }];
  });
}

/** The population model P(alive) is read from. */
export type PopulationKind = 'bgnbd' | 'bgbb';

/** The population fit of `kind` as of `s` (merchants with activity by then), as production would have had it. */
export function populationAt(
  activity: ReadonlyMap<string, readonly DailyActivity[]>,
  s: string,
  kind: PopulationKind = 'bgnbd',
): PopulationParams {
  const histories = historiesAt(activity, s);
  if (kind === 'bgbb' && histories.length > 0) return { bgbb: fitBgBb(toBgBbPatterns(histories)).params };
  return fitPopulationModel(histories).params;
}

/** BG/NBD vs BG/BB on the histories at `s`, by AIC (BG/NBD when the data is too thin to compare). */
export function choosePopulationModel(
  activity: ReadonlyMap<string, readonly DailyActivity[]>,
  s: string,
): { kind: PopulationKind; reason: string } {
  const histories = historiesAt(activity, s);
  if (histories.filter((h) => h.x > 0).length < 30)
    return { kind: 'bgnbd', reason: 'fewer than 30 repeat merchants: BG/NBD prior' };
  const c = comparePopulationModels(histories);
  return { kind: c.preferred, reason: c.reason };
}

/** Labelled feature rows of the merchants still trading at `s`. */
function rowsAt(
  activity: ReadonlyMap<string, readonly DailyActivity[]>,
  s: string,
  dataEnd: string,
  o: Required<Pick<HazardTrainingOptions, 'horizonDays' | 'dormantAfterDays' | 'activeWithinDays'>> &
    Pick<HazardTrainingOptions, 'contexts'> & { populationKind: PopulationKind },
  into: Rows,
): void {
  const start = new Map(
    deriveObservedTruth(activity, s, dataEnd, o.dormantAfterDays).map((e) => [
      e.merchantId,
      dayNumber(e.dormancyDay!),
    ]),
  );
  const sDay = dayNumber(s);
  const population = populationAt(activity, s, o.populationKind);
  for (const [merchantId, days] of activity) {
    const f = hazardFeatures(days, s, population, o.contexts?.get(merchantId) ?? NO_CONTEXT);
    if (f === null || f.evidence.daysSinceLast >= o.activeWithinDays) continue;
    const begins = start.get(merchantId);
    if (begins !== undefined && begins <= sDay) continue;
    into.x.push(HAZARD_FEATURES.map((n) => f.values[n]));
    into.values?.push(f.values);
    into.y.push(begins !== undefined && begins <= sDay + o.horizonDays);
  }
}

function firstDay(activity: ReadonlyMap<string, readonly DailyActivity[]>): string {
  let first = Infinity;
  for (const days of activity.values()) for (const d of days) first = Math.min(first, dayNumber(d.date));
  return addDays('1970-01-01', first);
}

/** Weekly training as-of dates (oldest first) whose labels are observed by `asOfDate`. */
function weeklyDates(earliest: number, latest: number): string[] {
  const dates: string[] = [];
  for (let s = latest; s >= earliest; s -= 7) dates.unshift(addDays('1970-01-01', s));
  return dates;
}

/** Fits the standardised logistic regression on `train` and Platt scaling on `held`. */
function fitAndCalibrate(train: Rows, held: Rows, lambda: number) {
  const { means, sds } = columnMoments(train.x);
  const toZ = (r: number[]) => r.map((v, j) => (v - means[j]) / sds[j]);
  const fit = fitLogistic(train.x.map(toZ), train.y, { lambda });
  const logit = (r: number[]) => toZ(r).reduce((s, z, j) => s + z * fit.coefficients[j], fit.intercept);
  const platt = held.y.some(Boolean)
    ? fitLogistic(
        held.x.map((r) => [logit(r)]),
        held.y,
        { lambda: 1e-3 },
      )
    : { coefficients: [1], intercept: 0 };
  return { means, sds, fit, platt: { a: platt.coefficients[0], b: platt.intercept } };
}

const count = (rows: Rows) => ({ rows: rows.y.length, positives: rows.y.filter(Boolean).length });

/** Trains, calibrates and versions a hazard model; throws a RangeError when the history is too short for it. */
export function trainHazardModel(options: HazardTrainingOptions): HazardModel {
  const o = {
    horizonDays: 30,
    dormantAfterDays: 30,
    activeWithinDays: 7,
    calibrationWeeks: 4,
    lambda: 1,
    ...options,
  };
  const population = options.populationKind
    ? { kind: options.populationKind, reason: 'given' }
    : choosePopulationModel(o.activity, o.asOfDate);
  const ro = { ...o, populationKind: population.kind };
  const latest = dayNumber(o.asOfDate) - o.horizonDays - o.dormantAfterDays;
  const earliest = dayNumber(o.earliestAsOfDate ?? addDays(firstDay(o.activity), 28));
  const dates = weeklyDates(earliest, latest);
  const calibrationAsOfDates = dates.slice(-o.calibrationWeeks);
  const asOfDates = dates.slice(0, -o.calibrationWeeks);
  if (asOfDates.length < 2)
    throw new RangeError(
      `hazard model: need ${o.calibrationWeeks + 2} weekly as-of dates from ${addDays('1970-01-01', earliest)} ` +
        `(4 weeks after the first activity) to ${addDays('1970-01-01', latest)} (${o.horizonDays + o.dormantAfterDays} days ` +
        `before the as-of date, so each has its outcome): about ` +
        `${28 + 7 * (o.calibrationWeeks + 1) + o.horizonDays + o.dormantAfterDays} days of history, ` +
        `${Math.max(0, dayNumber(o.asOfDate) - dayNumber(firstDay(o.activity)))} available`,
    );
  const train: Rows = { x: [], y: [] };
  const held: Rows = { x: [], y: [] };
  for (const s of asOfDates) rowsAt(o.activity, s, o.asOfDate, ro, train);
  for (const s of calibrationAsOfDates) rowsAt(o.activity, s, o.asOfDate, ro, held);
  const m = fitAndCalibrate(train, held, o.lambda);
  const t = count(train);
  const h = count(held);
  return {
    version: `hazard-${o.asOfDate}-v1+${population.kind}`,
    population,
    kind: 'logistic-hazard',
    features: HAZARD_FEATURES,
    means: m.means,
    sds: m.sds,
    intercept: m.fit.intercept,
    coefficients: m.fit.coefficients,
    platt: m.platt,
    lambda: o.lambda,
    horizonDays: o.horizonDays,
    training: {
      asOfDates,
      calibrationAsOfDates,
      ...t,
      calibrationRows: h.rows,
      calibrationPositives: h.positives,
    },
  };
}

/** Options of {@link hazardHoldoutRows}. */
export interface HoldoutOptions {
  activity: ReadonlyMap<string, readonly DailyActivity[]>;
  contexts?: ReadonlyMap<string, HazardContext>;
  /** As-of dates of the held-out period (labels observed by dataEnd). */
  asOfDates: readonly string[];
  dataEnd: string;
  populationKind: PopulationKind;
  horizonDays?: number;
  dormantAfterDays?: number;
  activeWithinDays?: number;
}

/** Labelled feature rows (values by name) of a held-out period, to compare model versions on. */
export function hazardHoldoutRows(
  o: HoldoutOptions,
): Array<{ values: Record<HazardFeatureName, number>; y: boolean }> {
  const rows: Rows = { x: [], y: [], values: [] };
  const ro = { horizonDays: 30, dormantAfterDays: 30, activeWithinDays: 7, ...o };
  for (const s of o.asOfDates) rowsAt(o.activity, s, o.dataEnd, ro, rows);
  return rows.y.map((y, i) => ({ values: rows.values![i], y }));
}
