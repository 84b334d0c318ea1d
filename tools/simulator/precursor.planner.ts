// Precursors of churn and the pauses that are not churn, planned on top of the original scenarios
// (scenario.planner.ts) for the named mixes. Each mix is a different population; the `legacy` mix
// plans none of this, so worlds generated before the mixes existed are unchanged.
import { DORMANCY_DAYS, LEGACY_SHARES, ScenarioShares, shuffledIndexes } from './scenario.planner';
import { Rng } from './rng';
import { springFestivalOffset } from './sim-calendar';
import type { PlannedTruth, PrecursorTruth, SimMerchant } from './world.types';

/** Shares of one scenario mix. */
export interface WorldMix {
  name: string;
  shares: ScenarioShares;
  /** Merchants whose main terminal starts failing, then stop. */
  terminalFailureStop: number;
  /** Merchants told of a fee increase. */
  feeIncrease: number;
  /** Of those, the base chance to leave over it (× 1.4 for small merchants, × 0.6 for large ones). */
  feeLeaveProbability: number;
  /** Restaurants and shops that close over the Spring Festival (when the span covers it). */
  springFestivalBreak: number;
  /** Healthy merchants that take a short break every 4–7 weeks. */
  habitualBreakers: number;
  /** Healthy merchants with a temporary dip that recovers. */
  dips: number;
  /** Failing terminals of healthy merchants that get repaired after 1–3 weeks. */
  repairedFailingTerminals: number;
}

const NONE = {
  terminalFailureStop: 0,
  feeIncrease: 0,
  feeLeaveProbability: 0,
  springFestivalBreak: 0,
  habitualBreakers: 0,
  dips: 0,
  repairedFailingTerminals: 0,
};

/** The named mixes: `legacy` (the original world) and three precursor worlds with different populations. */
export const WORLD_MIXES: Record<string, WorldMix> = {
  legacy: { name: 'legacy', shares: LEGACY_SHARES, ...NONE },
  street: {
    name: 'street',
    shares: { gradualDecline: 0.08, abruptStop: 0.04, failingTerminals: 0.04 },
    terminalFailureStop: 0.04,
    feeIncrease: 0.2,
    feeLeaveProbability: 0.3,
    springFestivalBreak: 0.25,
    habitualBreakers: 0.08,
    dips: 0.06,
    repairedFailingTerminals: 0.5,
  },
  festival: {
    name: 'festival',
    shares: { gradualDecline: 0.06, abruptStop: 0.06, failingTerminals: 0.03 },
    terminalFailureStop: 0.03,
    feeIncrease: 0.1,
    feeLeaveProbability: 0.25,
    springFestivalBreak: 0.5,
    habitualBreakers: 0.15,
    dips: 0.08,
    repairedFailingTerminals: 0.3,
  },
  decline: {
    name: 'decline',
    shares: { gradualDecline: 0.12, abruptStop: 0.03, failingTerminals: 0.05 },
    terminalFailureStop: 0.06,
    feeIncrease: 0.3,
    feeLeaveProbability: 0.35,
    springFestivalBreak: 0.15,
    habitualBreakers: 0.04,
    dips: 0.1,
    repairedFailingTerminals: 0.6,
  },
};

export const WORLD_MIX_NAMES = Object.keys(WORLD_MIXES);

/** The standard credit-card rate (bps) fee increases start from. */
const STANDARD_CREDIT_BPS = 60;

interface Plan {
  rng: Rng;
  merchants: SimMerchant[];
  horizonDays: number;
  mix: WorldMix;
  truth: PrecursorTruth;
}

/**
 * Plans the precursors of `mix` in place on a world whose original scenarios are assigned; returns
 * what it planned (also written to each merchant). `start` is the date the run will start on (for the
 * Spring Festival). Seeded by `rng` only.
 */
export function planPrecursors(
  rng: Rng,
  merchants: SimMerchant[],
  horizonDays: number,
  mix: WorldMix,
  start: string,
  planned: PlannedTruth,
): PrecursorTruth {
  const sf = springFestivalOffset(start, horizonDays);
  const truth: PrecursorTruth = {
    terminalFailureStop: [],
    feeIncreases: [],
    breaks: [],
    dips: [],
    springFestivalDay: sf,
  };
  const plan: Plan = { rng, merchants, horizonDays, mix, truth };
  planTerminalFailureStops(plan);
  planFeeIncreases(plan);
  if (sf !== null) planSpringFestival(plan, sf);
  planHabitualBreaks(plan);
  planDips(plan);
  repairSomeFailingTerminals(plan, planned);
  return truth;
}

/** Healthy merchants without a precursor yet, in a seeded random order. */
function healthyCandidates(p: Plan, pred: (m: SimMerchant) => boolean = () => true): SimMerchant[] {
  const pool = p.merchants.filter((m) => m.scenario.kind === 'healthy' && !m.feeIncrease && pred(m));
  return shuffledIndexes(p.rng, pool.length).map((i) => pool[i]);
}

const latestStop = (h: number) => Math.max(Math.round(h * 0.25), h - DORMANCY_DAYS);

function planTerminalFailureStops(p: Plan): void {
  const { rng, horizonDays: h } = p;
  // Not a merchant whose terminal already fails (and may be repaired) in the original scenarios.
  const chosen = healthyCandidates(p, (m) => m.terminals.every((t) => !t.cardReadFailure)).slice(
    0,
    Math.round(p.merchants.length * p.mix.terminalFailureStop),
  );
  for (const m of chosen) {
    const stopDay = rng.int(Math.round(h * 0.25), latestStop(h));
    const failureStartDay = Math.max(1, stopDay - rng.int(10, 28));
    const terminal = m.terminals[0];
    terminal.cardReadFailure = {
      startDay: failureStartDay,
      failureRate: Math.round(rng.uniform(0.3, 0.7) * 100) / 100,
      rampDays: rng.int(5, 14),
    };
    // Customers drift away slowly while the reader fails, then the owner gives up.
    m.scenario = {
      kind: 'terminal_failure_stop',
      declineStartDay: failureStartDay,
      decayDays: rng.int(15, 40),
      stopDay,
    };
    p.truth.terminalFailureStop.push({
      merchantId: m.merchantId,
      terminalId: terminal.terminalId,
      failureStartDay,
      stopDay,
    });
  }
}

function planFeeIncreases(p: Plan): void {
  const { rng, horizonDays: h } = p;
  const chosen = healthyCandidates(p).slice(0, Math.round(p.merchants.length * p.mix.feeIncrease));
  const dailyMeans = p.merchants.map((m) => m.profile.dailyMean).sort((a, b) => a - b);
  const median = dailyMeans[Math.floor(dailyMeans.length / 2)] ?? 1;
  for (const m of chosen) {
    const announceDay = rng.int(Math.round(h * 0.1), Math.max(Math.round(h * 0.1), latestStop(h) - 40));
    const effectiveDay = announceDay + rng.int(14, 30);
    const toBps = STANDARD_CREDIT_BPS + rng.pick([5, 5, 10, 15]);
    const size = m.profile.dailyMean < median ? 1.4 : 0.6;
    const leaves = rng.chance(Math.min(0.95, (p.mix.feeLeaveProbability * size * (toBps - 55)) / 10));
    m.feeIncrease = { announceDay, effectiveDay, fromBps: STANDARD_CREDIT_BPS, toBps, leaves };
    let stopDay: number | undefined;
    if (leaves) {
      // The merchant moves its customers to a competitor's terminal, then stops near the effective date.
      const declineStartDay = announceDay + rng.int(2, 10);
      stopDay = Math.max(declineStartDay + 4, effectiveDay + rng.int(-3, 7));
      m.scenario = { kind: 'fee_increase_leaver', declineStartDay, decayDays: rng.int(6, 18), stopDay };
    }
    p.truth.feeIncreases.push({
      merchantId: m.merchantId,
      ...m.feeIncrease,
      ...(stopDay ? { stopDay } : {}),
    });
  }
}

/** Shops and restaurants close from New Year's Eve (or a day or two before) for 5–14 days. */
function planSpringFestival(p: Plan, sf: number): void {
  const { rng } = p;
  const pool = p.merchants.filter(
    (m) =>
      m.category !== 'services' &&
      (m.scenario.stopDay === undefined || m.scenario.stopDay > sf + 21) &&
      rng.chance(p.mix.springFestivalBreak),
  );
  for (const m of pool) {
    const startDay = Math.max(0, sf - rng.int(1, 3));
    addBreak(p, m, { startDay, days: rng.int(5, 14), reason: 'spring_festival' });
  }
}

/** A few healthy merchants close for 3–7 days every 4–7 weeks (family trips, stock-taking). */
function planHabitualBreaks(p: Plan): void {
  const { rng, horizonDays: h } = p;
  const chosen = healthyCandidates(p).slice(0, Math.round(p.merchants.length * p.mix.habitualBreakers));
  for (const m of chosen) {
    const every = rng.int(28, 49);
    for (let day = rng.int(5, 30); day < h; day += every + rng.int(-4, 4))
      addBreak(p, m, { startDay: day, days: rng.int(3, 7), reason: 'habitual' });
  }
}

function addBreak(
  p: Plan,
  m: SimMerchant,
  b: { startDay: number; days: number; reason: 'spring_festival' | 'habitual' },
) {
  const overlaps = (m.breaks ?? []).some(
    (x) => b.startDay < x.startDay + x.days + 7 && x.startDay < b.startDay + b.days + 7,
  );
  if (overlaps) return;
  (m.breaks ??= []).push(b);
  p.truth.breaks.push({ merchantId: m.merchantId, ...b });
}

function planDips(p: Plan): void {
  const { rng, horizonDays: h } = p;
  const chosen = healthyCandidates(p, (m) => !m.dip).slice(0, Math.round(p.merchants.length * p.mix.dips));
  for (const m of chosen) {
    m.dip = {
      startDay: rng.int(14, Math.max(15, h - 21)),
      days: rng.int(7, 21),
      depth: Math.round(rng.uniform(0.35, 0.65) * 100) / 100,
    };
    p.truth.dips.push({ merchantId: m.merchantId, ...m.dip });
  }
}

function repairSomeFailingTerminals(p: Plan, planned: PlannedTruth): void {
  const terminals = new Map(p.merchants.flatMap((m) => m.terminals.map((t) => [t.terminalId, t])));
  for (const f of planned.failingTerminals) {
    if (!p.rng.chance(p.mix.repairedFailingTerminals)) continue;
    const t = terminals.get(f.terminalId)!;
    f.repairedDay = f.startDay + p.rng.int(7, 21);
    t.cardReadFailure!.repairedDay = f.repairedDay;
  }
}
