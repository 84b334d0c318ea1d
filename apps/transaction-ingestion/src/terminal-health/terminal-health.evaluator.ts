import type { TerminalHealthKind } from '@merchant-pulse/contracts';

/** One terminal's traffic in the sliding window. */
export interface TerminalWindowStats {
  terminalId: string;
  merchantId: string;
  total: number;
  declines: number;
  readFailures: number;
  lastTxAtMs: number;
  /** Whether another terminal of the same merchant traded within the silent threshold. */
  merchantTradesElsewhere: boolean;
}

/** An open degradation episode. */
export interface OpenEpisode {
  terminalId: string;
  kind: TerminalHealthKind;
  merchantId: string;
  sinceMs: number;
}

export interface HealthThresholds {
  windowMinutes: number;
  minSample: number;
  readFailureRate: number;
  declineRate: number;
  silentMinutes: number;
}

/** A change of health to publish. */
export interface HealthTransition {
  change: 'degraded' | 'recovered';
  kind: TerminalHealthKind;
  stats: TerminalWindowStats;
  rate: number;
  threshold?: number;
  sinceMs: number;
}

/**
 * Compares each terminal's window with the thresholds and the open episodes: one `degraded` per
 * (terminal, kind) episode, one `recovered` when it heals. A rate is judged only on at least
 * `minSample` transactions; it recovers below HALF the threshold (hysteresis, no flapping). A terminal
 * is silent when it sent nothing for `silentMinutes` while its merchant traded on another terminal.
 */
export function evaluateTerminalHealth(
  stats: readonly TerminalWindowStats[],
  open: readonly OpenEpisode[],
  t: HealthThresholds,
  nowMs: number,
): HealthTransition[] {
  const openByKey = new Map(open.map((e) => [`${e.terminalId}|${e.kind}`, e]));
  const out: HealthTransition[] = [];
  for (const s of stats) {
    const rates: Array<[TerminalHealthKind, number, number]> = [
      ['card_read_failures', s.total ? s.readFailures / s.total : 0, t.readFailureRate],
      ['declines', s.total ? s.declines / s.total : 0, t.declineRate],
    ];
    for (const [kind, rate, threshold] of rates) {
      const episode = openByKey.get(`${s.terminalId}|${kind}`);
      if (!episode && s.total >= t.minSample && rate >= threshold)
        out.push({ change: 'degraded', kind, stats: s, rate, threshold, sinceMs: nowMs });
      else if (episode && (s.total === 0 || (s.total >= t.minSample && rate < threshold / 2)))
        out.push({ change: 'recovered', kind, stats: s, rate, threshold, sinceMs: episode.sinceMs });
    }
    const silentEpisode = openByKey.get(`${s.terminalId}|silent`);
    const quiet = nowMs - s.lastTxAtMs >= t.silentMinutes * 60_000;
    if (!silentEpisode && quiet && s.merchantTradesElsewhere)
      out.push({ change: 'degraded', kind: 'silent', stats: s, rate: 0, sinceMs: s.lastTxAtMs });
    else if (silentEpisode && !quiet)
      out.push({ change: 'recovered', kind: 'silent', stats: s, rate: 0, sinceMs: silentEpisode.sinceMs });
  }
  return out;
}
