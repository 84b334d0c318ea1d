import { HazardEvidence } from './hazard-features';
import { hazardReasons } from './hazard-reasons';

const evidence: HazardEvidence = {
  daysSinceLast: 1,
  typicalGapDays: 2,
  recentAmountMinor: { 7: 50_000, 14: 100_000, 28: 300_000 },
  expectedAmountMinor: { 7: 100_000, 14: 200_000, 28: 400_000 },
  cardReadFailures14: 30,
  attempts14: 100,
  worstTerminal: { terminalId: 'T-1', failureRate: 0.55, since: '2026-06-05' },
  feeIncrease: null,
  openTickets: 0,
  oldestOpenTicketDays: 0,
  longestResumedBreakDays: 0,
};

describe(hazardReasons.name, () => {
  it('should tell two drivers that read the same once and give the freed place to the next driver', () => {
    const reasons = hazardReasons(
      [
        { feature: 'terminalFailureRate7', value: 0.55, contribution: 1.2 },
        { feature: 'terminalEpisodeDays', value: 6, contribution: 0.8 },
        { feature: 'amount14Trend', value: -0.7, contribution: 0.5 },
        { feature: 'count7Trend', value: -0.4, contribution: 0.3 },
      ],
      { ...evidence, worstTerminal: { ...evidence.worstTerminal!, failureRate: 0.55 } },
      3,
    );
    expect(reasons.map((r) => r.feature)).toEqual(['terminalFailureRate7', 'amount14Trend', 'count7Trend']);
    expect(reasons[0].message).toBe('terminal T-1 failed 55% of card reads since 06-05');
    expect(new Set(reasons.map((r) => r.message)).size).toBe(3);
  });

  it('should keep the order and the rounded contribution of distinct drivers', () => {
    const reasons = hazardReasons(
      [
        { feature: 'count7Trend', value: Math.log(0.37), contribution: 0.98765 },
        { feature: 'amount28Trend', value: -0.3, contribution: 0.4 },
      ],
      evidence,
    );
    expect(reasons).toEqual([
      {
        feature: 'count7Trend',
        contribution: 0.988,
        message: 'transactions last 7 days −63% vs the same weekdays before',
      },
      {
        feature: 'amount28Trend',
        contribution: 0.4,
        message: 'approved volume last 28 days −25% vs the same weekdays before (¥3,000 vs ¥4,000 usual)',
      },
    ]);
  });
});
