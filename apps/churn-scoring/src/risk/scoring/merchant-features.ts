import type { CustomerHistory } from '@merchant-pulse/bgnbd';
import { ActivityWindows, BASELINE_DAYS, WindowTotals } from '../../activity/activity-windows';
import { dayNumber } from '../../activity/daily-activity';
import { ScoringPolicy } from './scoring.policy';

/** An open support ticket as the scoring sees it. */
export interface OpenTicketSignal {
  ticketId: string;
  category: string;
  openedAt: string;
  slaBreached: boolean;
}

/** A terminal currently degraded (terminal.health.v1 without a matching recovery). */
export interface UnhealthyTerminalSignal {
  terminalId: string;
  serialNumber: string | null;
  kind: string;
  since: string;
}

/** What the other topics tell about a merchant (lifecycle, terminal health, tickets). */
export interface MerchantSignals {
  status: string | null;
  openTickets: OpenTicketSignal[];
  unhealthyTerminals: UnhealthyTerminalSignal[];
}

/** No signal at all (a merchant only seen through activity). */
export const NO_SIGNALS: MerchantSignals = { status: null, openTickets: [], unhealthyTerminals: [] };

/** Everything the score and the tiers are computed from, for one merchant as of one date. */
export interface MerchantFeatures {
  merchantId: string;
  asOfDate: string;
  /** BG/NBD inputs in DAYS (active days are the transactions); null when the merchant never transacted. */
  history: CustomerHistory | null;
  /** Days since the first approved purchase (T), null when none. */
  ageDays: number | null;
  daysSinceLastApproved: number | null;
  /**
   * Latest day approved activity resumed after a silence of ≥ dormantAfterDays (the end of a dormancy),
   * null when never: derived from the activity history itself, so replays, backfills and late data give
   * the same answer as live data. The merchant is `reactivated` while this is < reactivatedForDays ago.
   */
  resumedAfterDormancyOn: string | null;
  /** Too young or no repeat activity yet: P(alive) is 1 by construction, so it is not used. */
  isNew: boolean;
  d7: WindowTotals;
  d28: WindowTotals;
  d90: WindowTotals;
  /** Average weekly approved amount (fen) over the baseline weeks the merchant existed; null if < 2 weeks. */
  baselineWeeklyAmountMinor: number | null;
  /** 28-day amount vs 4 baseline weeks, as a fraction (−0.62 = −62%); null without baseline. */
  volumeChange28: number | null;
  /** Last 7 days' amount vs one baseline week; null without baseline. */
  volumeChange7: number | null;
  /** Declined / (approved + declined) over 28 days; null with fewer than 20 attempts. */
  declineRate28: number | null;
  /** Card-read failures / (approved + declined) over 28 days; null with fewer than 20 attempts. */
  cardReadFailureRate28: number | null;
  signals: MerchantSignals;
}

const MIN_RATE_SAMPLE = 20;

function rate(numerator: number, denominator: number): number | null {
  return denominator >= MIN_RATE_SAMPLE ? numerator / denominator : null;
}

/** Baseline days the merchant actually existed for (its age may not cover all 8 weeks). */
function coveredBaselineDays(ageDays: number): number {
  return Math.max(0, Math.min(BASELINE_DAYS, ageDays + 1 - 28));
}

/** Derives the features from aggregated activity and signals (pure). */
export function buildFeatures(
  merchantId: string,
  windows: ActivityWindows,
  signals: MerchantSignals,
  policy: ScoringPolicy,
): MerchantFeatures {
  const asOf = dayNumber(windows.asOfDate);
  const first = windows.firstActiveDate ? dayNumber(windows.firstActiveDate) : null;
  const last = windows.lastActiveDate ? dayNumber(windows.lastActiveDate) : null;
  const history =
    first !== null && last !== null ? { x: windows.activeDays - 1, tx: last - first, T: asOf - first } : null;
  const ageDays = first === null ? null : asOf - first;
  const covered = ageDays === null ? 0 : coveredBaselineDays(ageDays);
  const baselineWeekly = covered >= 14 ? (windows.baseline.amountMinor * 7) / covered : null;
  const usable = baselineWeekly !== null && baselineWeekly > 0 ? baselineWeekly : null;
  const attempts = windows.d28.approvedCount + windows.d28.declinedCount;
  return {
    merchantId,
    asOfDate: windows.asOfDate,
    history,
    ageDays,
    daysSinceLastApproved: last === null ? null : asOf - last,
    resumedAfterDormancyOn: windows.resumedAfterDormancyOn,
    isNew: history === null || history.x === 0 || (ageDays ?? 0) < policy.newMerchantAgeDays,
    d7: windows.d7,
    d28: windows.d28,
    d90: windows.d90,
    baselineWeeklyAmountMinor: baselineWeekly === null ? null : Math.round(baselineWeekly),
    volumeChange28: usable === null ? null : windows.d28.amountMinor / (usable * 4) - 1,
    volumeChange7: usable === null ? null : windows.d7.amountMinor / usable - 1,
    declineRate28: rate(windows.d28.declinedCount, attempts),
    cardReadFailureRate28: rate(windows.d28.cardReadFailureCount, attempts),
    signals,
  };
}
