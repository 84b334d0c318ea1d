import { Rng } from './rng';
import type { PlannedTruth, SimMerchant } from './world.types';

/** Share of merchants that decline gradually over weeks until they stop. */
export const GRADUAL_DECLINE_SHARE = 0.15;
/** Share of merchants that stop trading abruptly. */
export const ABRUPT_STOP_SHARE = 0.05;
/** Share of healthy merchants' terminals that develop card-read failures. */
export const FAILING_TERMINAL_SHARE = 0.04;
/** Share of valid events delivered twice (byte-identical). */
export const DUPLICATE_RATE = 0.005;
/** Extra malformed messages, per valid event. */
export const MALFORMED_RATE = 0.002;
/** DESIGN.md: dormant = no approved transaction for 30 days. */
export const DORMANCY_DAYS = 30;

/** Shares of the original scenarios (gradual decline, abrupt stop, failing terminals of healthy merchants). */
export interface ScenarioShares {
  gradualDecline: number;
  abruptStop: number;
  failingTerminals: number;
}

/** The original world's shares (the `legacy` mix). */
export const LEGACY_SHARES: ScenarioShares = {
  gradualDecline: GRADUAL_DECLINE_SHARE,
  abruptStop: ABRUPT_STOP_SHARE,
  failingTerminals: FAILING_TERMINAL_SHARE,
};

/**
 * Assigns scenarios in place (exact counts, merchants chosen by a seeded shuffle) and returns the
 * planned truth. Stop days are planned early enough that the 30-day dormancy can be confirmed
 * within the horizon when the horizon allows it.
 */
export function assignScenarios(
  rng: Rng,
  merchants: SimMerchant[],
  horizonDays: number,
  shares: ScenarioShares = LEGACY_SHARES,
): PlannedTruth {
  const order = shuffledIndexes(rng, merchants.length);
  const gradualCount = Math.round(merchants.length * shares.gradualDecline);
  const abruptCount = Math.round(merchants.length * shares.abruptStop);
  const latestStop = Math.max(Math.round(horizonDays * 0.25), horizonDays - DORMANCY_DAYS);
  const truth: PlannedTruth = {
    gradualDecline: [],
    abruptStop: [],
    failingTerminals: [],
    duplicateRate: DUPLICATE_RATE,
    malformedRate: MALFORMED_RATE,
  };
  order.forEach((merchantIndex, rank) => {
    const merchant = merchants[merchantIndex];
    if (rank < gradualCount) {
      const stopDay = rng.int(Math.round(horizonDays * 0.2), latestStop);
      // Volume decays over one to three weeks before the last trading day.
      const span = Math.min(stopDay, rng.int(7, 21));
      const declineStartDay = stopDay - span;
      const decayDays = Math.max(1, Math.round((span / 3) * 10) / 10);
      merchant.scenario = { kind: 'gradual_decline', declineStartDay, decayDays, stopDay };
      truth.gradualDecline.push({ merchantId: merchant.merchantId, declineStartDay, stopDay });
    } else if (rank < gradualCount + abruptCount) {
      const stopDay = rng.int(Math.round(horizonDays * 0.1), latestStop);
      merchant.scenario = { kind: 'abrupt_stop', stopDay };
      truth.abruptStop.push({ merchantId: merchant.merchantId, stopDay });
    }
  });
  planFailingTerminals(rng, merchants, horizonDays, truth, shares.failingTerminals);
  truth.gradualDecline.sort((a, b) => a.merchantId.localeCompare(b.merchantId));
  truth.abruptStop.sort((a, b) => a.merchantId.localeCompare(b.merchantId));
  return truth;
}

/** Terminals of healthy merchants only, so a failing reader is never confused with a decline. */
function planFailingTerminals(
  rng: Rng,
  merchants: SimMerchant[],
  horizonDays: number,
  truth: PlannedTruth,
  share: number,
): void {
  const candidates = merchants
    .filter((m) => m.scenario.kind === 'healthy')
    .flatMap((m) => m.terminals.map((terminal) => ({ merchant: m, terminal })));
  const order = shuffledIndexes(rng, candidates.length);
  const count = Math.round(candidates.length * share);
  for (const i of order.slice(0, count)) {
    const { merchant, terminal } = candidates[i];
    const startDay = rng.int(Math.round(horizonDays * 0.1), Math.round(horizonDays * 0.7));
    const failureRate = Math.round(rng.uniform(0.25, 0.6) * 100) / 100;
    terminal.cardReadFailure = { startDay, failureRate };
    truth.failingTerminals.push({
      terminalId: terminal.terminalId,
      merchantId: merchant.merchantId,
      startDay,
      failureRate,
    });
  }
  truth.failingTerminals.sort((a, b) => a.terminalId.localeCompare(b.terminalId));
}

/** Fisher–Yates permutation of 0..n-1. */
export function shuffledIndexes(rng: Rng, n: number): number[] {
  const out = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
