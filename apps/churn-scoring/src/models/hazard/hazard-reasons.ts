// Reasons in words from the hazard model's drivers, with the evidence behind each.
import { HazardEvidence, HazardFeatureName } from './hazard-features';
import { HazardContribution } from './hazard-model';

const pct = (ratio: number): string => `${ratio >= 0 ? '+' : '−'}${Math.abs(Math.round(ratio * 100))}%`;
const yuan = (minor: number): string => `¥${Math.round(minor / 100).toLocaleString('en-US')}`;

function volume(w: 7 | 14 | 28, e: HazardEvidence): string {
  const expected = e.expectedAmountMinor[w];
  const change = expected > 0 ? e.recentAmountMinor[w] / expected - 1 : 0;
  return `approved volume last ${w} days ${pct(change)} vs the same weekdays before (${yuan(e.recentAmountMinor[w])} vs ${yuan(expected)} usual)`;
}

const WORDS: Record<HazardFeatureName, (v: number, e: HazardEvidence) => string> = {
  count7Trend: (v) => `transactions last 7 days ${pct(Math.exp(v) - 1)} vs the same weekdays before`,
  count14Trend: (v) => `transactions last 14 days ${pct(Math.exp(v) - 1)} vs the same weekdays before`,
  count28Trend: (v) => `transactions last 28 days ${pct(Math.exp(v) - 1)} vs the same weekdays before`,
  amount7Trend: (_, e) => volume(7, e),
  amount14Trend: (_, e) => volume(14, e),
  amount28Trend: (_, e) => volume(28, e),
  activeDayRatio14: (v) => `traded on ${Math.round(v * 14)} of the last 14 days`,
  activeDayRatioChange: (v) =>
    `active days ${v < 0 ? 'down' : 'up'} ${Math.abs(Math.round(v * 100))} points vs its usual share`,
  recencyVsTypicalGap: (_, e) =>
    e.daysSinceLast <= 1
      ? `trades at irregular intervals (gaps up to ${e.typicalGapDays} days)`
      : `no approved transaction for ${e.daysSinceLast} days; it usually pauses at most ${e.typicalGapDays}`,
  ticketSizeShift14: (v) => `average ticket last 14 days ${pct(Math.exp(v) - 1)} vs before`,
  cardShareShift14: (v) =>
    `card share of purchases ${v < 0 ? 'down' : 'up'} ${Math.abs(Math.round(v * 100))} points (customers moving to QR)`,
  cardReadFailureRate14: (_, e) =>
    `${e.cardReadFailures14} of ${e.attempts14} attempts failed to read the card in the last 14 days`,
  declineRate14: (v) => `${Math.round(v * 100)}% of attempts declined in the last 14 days`,
  populationDeath: (v) =>
    `P(alive) ${(1 - v).toFixed(2)} by the population model (its rhythm of active days)`,
  tenure: (v) => `${Math.round(Math.expm1(v))} days since its first transaction`,
  baselineVolume: (v) => `usual volume about ${yuan(Math.expm1(v) * 100)} a day`,
  noBaseline: () => 'too new for a baseline of its own',
  terminalFailureRate7: (v, e) => terminal(v, e),
  terminalEpisodeDays: (v, e) => terminal(null, e),
  feeIncreasePendingBps: (_, e) => fee(e),
  feeIncreaseInForceBps: (_, e) => fee(e),
  openTickets: (_, e) =>
    `${e.openTickets} open support ticket${e.openTickets === 1 ? '' : 's'}, the oldest ${e.oldestOpenTicketDays} days old`,
  oldestOpenTicketAge: (_, e) =>
    `support ticket open for ${e.oldestOpenTicketDays} days (${e.openTickets} open)`,
  pastBreaksResumed: (v) => `${Math.round(Math.expm1(v))} earlier pauses it came back from`,
  recencyVsLongestBreak: (_, e) =>
    e.daysSinceLast <= 1
      ? `paused for up to ${e.longestResumedBreakDays} days before`
      : `no approved transaction for ${e.daysSinceLast} days; its longest pause before was ${e.longestResumedBreakDays} days`,
  springFestivalSeason: () => 'Spring Festival season',
  publicHolidaysAround: (v) => `${v} public holiday days around the date`,
};

const percent = (bps: number): string => `${(bps / 100).toFixed(2)}%`;

function fee(e: HazardEvidence): string {
  const f = e.feeIncrease;
  if (!f) return 'fee increase';
  const when =
    f.daysToEffective > 0
      ? `takes effect in ${f.daysToEffective} day${f.daysToEffective === 1 ? '' : 's'}`
      : `in force since ${f.effectiveFrom.slice(5)}`;
  return `fee increase from ${percent(f.fromBps)} to ${percent(f.toBps)} ${when}`;
}

function terminal(rate: number | null, e: HazardEvidence): string {
  const w = e.worstTerminal;
  if (!w)
    return rate === null
      ? 'card-read failures'
      : `${Math.round(rate * 100)}% of card reads failed in the last 7 days`;
  const r = w.failureRate ?? rate;
  return r === null
    ? `terminal ${w.terminalId} reported failing card reads since ${w.since.slice(5)}`
    : `terminal ${w.terminalId} failed ${Math.round(r * 100)}% of card reads since ${w.since.slice(5)}`;
}

/**
 * The top `limit` drivers in words, each with its contribution to the logit. Two features that read the
 * same (e.g. a terminal's failure rate and its health episode, both told by the worst terminal) are told
 * once, at the larger contribution, and the next driver takes the freed place.
 */
export function hazardReasons(
  drivers: readonly HazardContribution[],
  evidence: HazardEvidence,
  limit = 3,
): Array<{ feature: HazardFeatureName; contribution: number; message: string }> {
  const reasons: Array<{ feature: HazardFeatureName; contribution: number; message: string }> = [];
  const told = new Set<string>();
  for (const d of drivers) {
    if (reasons.length >= limit) break;
    const message = WORDS[d.feature](d.value, evidence);
    if (told.has(message)) continue;
    told.add(message);
    reasons.push({ feature: d.feature, contribution: Math.round(d.contribution * 1000) / 1000, message });
  }
  return reasons;
}
