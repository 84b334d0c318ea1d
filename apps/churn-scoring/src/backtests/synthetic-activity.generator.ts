// A small generator of merchant daily activity with known dormancy, for tests and the synthetic
// backtest (the real simulator lives in tools/simulator). Deterministic for a seed.
import { RandomSource, seededRandom } from '@merchant-pulse/bgnbd';
import { addDays, DailyActivity } from '../activity/daily-activity';
import { GroundTruthEntry } from './ground-truth';

/** Options of {@link generateSyntheticActivity}. */
export interface SyntheticOptions {
  merchants: number;
  startDate: string;
  days: number;
  seed: number;
  /** Share of merchants that go dormant somewhere in the period (default 0.3). */
  churnShare?: number;
}

/** Generated activity and the ground truth of who went dormant when. */
export interface SyntheticData {
  activity: Map<string, DailyActivity[]>;
  truth: GroundTruthEntry[];
}

/** DESIGN.md: dormant after 30 days without an approved transaction (as in the simulator's truth). */
const DORMANT_AFTER_DAYS = 30;

/** Busy Fridays and weekends, quiet Mondays: index 0 = Sunday. */
const WEEKDAY_FACTOR = [1.3, 0.6, 0.9, 1, 1, 1.3, 1.5];

function poisson(mean: number, random: RandomSource): number {
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(random)));
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = random(); p > limit; p *= random()) k++;
  return k;
}

function gaussian(random: RandomSource): number {
  return Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random());
}

interface Profile {
  rate: number;
  start: number;
  stopDay: number | null;
  declineDays: number;
  ticketMinor: number;
}

function profile(random: RandomSource, days: number, churnShare: number): Profile {
  const rate = Math.exp(Math.log(0.15) + random() * Math.log(25 / 0.15));
  const start = random() < 0.15 ? Math.floor(random() * days * 0.6) : 0;
  const churns = random() < churnShare;
  const stopDay = churns ? start + 14 + Math.floor(random() * (days - start - 14)) : null;
  return {
    rate,
    start,
    stopDay,
    declineDays: churns ? Math.floor(random() * 40) : 0,
    ticketMinor: 2_000 + Math.floor(random() * 20_000),
  };
}

/** Activity multiplier on day `d`: 1, decaying through the decline phase, 0 once dormant. */
function intensity(p: Profile, d: number, weekNoise: number): number {
  if (d < p.start || (p.stopDay !== null && d >= p.stopDay)) return 0;
  if (p.stopDay !== null && d >= p.stopDay - p.declineDays) {
    const progress = (d - (p.stopDay - p.declineDays)) / Math.max(1, p.declineDays);
    return weekNoise * (1 - 0.85 * progress);
  }
  return weekNoise;
}

/** Generates merchants with weekday rhythm, week-to-week noise, sparse and new merchants, and churners with a decline phase of 0–40 days. */
export function generateSyntheticActivity(options: SyntheticOptions): SyntheticData {
  const random = seededRandom(options.seed);
  const activity = new Map<string, DailyActivity[]>();
  const truth: GroundTruthEntry[] = [];
  const weekday0 = new Date(`${options.startDate}T00:00:00Z`).getUTCDay();
  for (let m = 0; m < options.merchants; m++) {
    const id = `M${String(m).padStart(6, '0')}`;
    const p = profile(random, options.days, options.churnShare ?? 0.3);
    const rows: DailyActivity[] = [];
    let weekNoise = 1;
    for (let d = 0; d < options.days; d++) {
      if (d % 7 === 0) weekNoise = Math.exp(0.35 * gaussian(random));
      const mean = p.rate * WEEKDAY_FACTOR[(weekday0 + d) % 7] * intensity(p, d, weekNoise);
      const count = mean > 0 ? poisson(mean, random) : 0;
      if (count === 0) continue;
      const amount = count * p.ticketMinor;
      const declined = poisson(count * 0.05, random);
      rows.push({
        date: addDays(options.startDate, d),
        approvedCount: count,
        declinedCount: declined,
        approvedAmountMinor: amount,
        feeMinor: Math.round(amount * 0.005),
        cardReadFailureCount: poisson(count * 0.01, random),
      });
    }
    activity.set(id, rows);
    if (p.stopDay !== null)
      truth.push({
        merchantId: id,
        dormancyDay: addDays(options.startDate, p.stopDay),
        dormantFrom: addDays(options.startDate, p.stopDay + DORMANT_AFTER_DAYS),
      });
  }
  return { activity, truth };
}
