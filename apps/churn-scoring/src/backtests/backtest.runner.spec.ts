import { DEFAULT_SCORING_POLICY } from '../risk/scoring/scoring.policy';
import { runBacktest } from './backtest.runner';
import { deriveObservedTruth, parseGroundTruth } from './ground-truth';
import { generateSyntheticActivity } from './synthetic-activity.generator';

describe(runBacktest.name, () => {
  const data = generateSyntheticActivity({ merchants: 1500, startDate: '2026-01-01', days: 220, seed: 11 });

  it('should beat the recency rule on AUC and top-decile lift when predicting the start of the final silence', () => {
    const report = runBacktest({
      ...data,
      asOfDate: '2026-06-15',
      horizonDays: 30,
      target: 'silence',
      policy: DEFAULT_SCORING_POLICY,
    });
    expect(report.positives).toBeGreaterThan(30);
    expect(report.score.auc).toBeGreaterThan(report.recency.auc);
    expect(report.score.topDecileLift).toBeGreaterThan(report.recency.topDecileLift);
    expect(report.improvement.auc).toBeCloseTo(report.score.auc - report.recency.auc, 3);
    expect(report.score.calibration.bins.length).toBe(10);
  });

  it('should beat the recency rule on top-decile lift when predicting who becomes dormant within the horizon', () => {
    const report = runBacktest({
      ...data,
      asOfDate: '2026-06-15',
      horizonDays: 30,
      policy: DEFAULT_SCORING_POLICY,
    });
    expect(report.target).toBe('dormant');
    expect(report.score.auc).toBeGreaterThan(0.9);
    expect(report.score.topDecileLift).toBeGreaterThan(report.recency.topDecileLift);
  });

  it('should exclude merchants already dormant at asOf when the truth says so', () => {
    const activity = new Map([
      [
        'a',
        [
          {
            date: '2026-01-01',
            approvedCount: 1,
            declinedCount: 0,
            approvedAmountMinor: 1,
            feeMinor: 0,
            cardReadFailureCount: 0,
          },
        ],
      ],
    ]);
    const report = runBacktest({
      activity,
      truth: [{ merchantId: 'a', dormantFrom: '2026-01-02' }],
      asOfDate: '2026-01-10',
      horizonDays: 30,
      policy: DEFAULT_SCORING_POLICY,
    });
    expect(report.merchants).toBe(0);
  });
});

describe(deriveObservedTruth.name, () => {
  const day = (date: string) => ({
    date,
    approvedCount: 1,
    declinedCount: 0,
    approvedAmountMinor: 1,
    feeMinor: 0,
    cardReadFailureCount: 0,
  });

  it('should date dormancy from the day after the last transaction when a 30-day silence follows', () => {
    const activity = new Map([
      ['stops', [day('2026-01-01'), day('2026-01-05')]],
      ['keeps', [day('2026-01-01'), day('2026-01-20'), day('2026-02-10')]],
    ]);
    expect(deriveObservedTruth(activity, '2026-01-03', '2026-03-01', 30)).toEqual([
      { merchantId: 'stops', dormancyDay: '2026-01-06', dormantFrom: '2026-02-05' },
    ]);
  });
});

describe(parseGroundTruth.name, () => {
  it('should read the simulator file and skip merchants whose quiet run never started', () => {
    const truth = parseGroundTruth({
      merchants: {},
      dormantMerchants: [
        { merchantId: 'a', scenario: 'abrupt_stop', dormancyDay: '2026-02-01', dormantFrom: '2026-03-03' },
        { merchantId: 'b', scenario: 'gradual_decline', dormancyDay: null, dormantFrom: null },
      ],
    });
    expect(truth).toEqual([{ merchantId: 'a', dormancyDay: '2026-02-01', dormantFrom: '2026-03-03' }]);
  });

  it('should accept an array or an object wrapping one and reject entries without dates', () => {
    expect(parseGroundTruth([{ merchantId: 'm', dormantFrom: '2026-01-02', extra: 1 }])).toEqual([
      { merchantId: 'm', dormantFrom: '2026-01-02' },
    ]);
    expect(
      parseGroundTruth({ dormant: [{ merchantId: 'm', dormantFrom: '2026-01-02T00:00:00Z' }] })[0]
        .dormantFrom,
    ).toBe('2026-01-02');
    expect(() => parseGroundTruth([{ merchantId: 'm' }])).toThrow(/dormantFrom/);
  });
});
