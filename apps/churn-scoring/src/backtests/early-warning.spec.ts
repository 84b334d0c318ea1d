import { addDays, DailyActivity, dayNumber } from '../activity/daily-activity';
import { DEFAULT_SCORING_POLICY } from '../risk/scoring/scoring.policy';
import { BacktestRanker } from './backtest.rankers';
import { runBacktest } from './backtest.runner';
import { alertCounts, firstAlertLead, leadTime, quantile, EARLY_WARNING_DEFAULTS } from './early-warning';

const day = (date: string, approvedCount = 1): DailyActivity => ({
  date,
  approvedCount,
  declinedCount: 0,
  approvedAmountMinor: approvedCount * 1000,
  feeMinor: 5,
  cardReadFailureCount: 0,
});

/** Trades every day from `from` for `n` days. */
const daily = (from: string, n: number, count = 1) =>
  Array.from({ length: n }, (_, i) => day(addDays(from, i), count));

/** Alerts once the last 7 days hold fewer than half the approved count of the 7 before. */
const dropRanker: BacktestRanker = {
  name: 'drop',
  alertRule: 'd7 < half of the previous week',
  rate: ({ windows }) => {
    const previous = windows.d28.approvedCount - windows.d7.approvedCount;
    const ratio = windows.d7.approvedCount / Math.max(1, previous / 3);
    return { ranking: -ratio, probability: Math.max(0, Math.min(1, 1 - ratio)), alert: ratio < 0.5 };
  },
};

const opts = { ...EARLY_WARNING_DEFAULTS, leadStepDays: 1, dormantAfterDays: 30 };

describe('early-warning metrics', () => {
  it('should compute precision and recall of the alerts and interpolated quartiles', () => {
    expect(alertCounts([true, true, false, false], [true, false, true, false])).toEqual({
      alerted: 2,
      precision: 0.5,
      recall: 0.5,
    });
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([], 0.5)).toBeNull();
  });

  it('should date the lead from the first alert while trading, scanning back from its last trading day', () => {
    // 60 days at 10 a day, then 14 days at 2 a day, then silence from day 74.
    const days = [...daily('2026-01-01', 60, 10), ...daily(addDays('2026-01-01', 60), 14, 2)];
    const start = dayNumber(addDays('2026-01-01', 74));
    const lead = firstAlertLead('m', days, start, dropRanker, opts);
    // The 7-day count falls below half of the prior weeks' rate a few days into the decline.
    expect(lead).toBeGreaterThan(7);
    expect(lead).toBeLessThanOrEqual(14);
  });

  it('should skip as-of dates on which the merchant was not trading (no approved transaction in 7 days)', () => {
    const always: BacktestRanker = {
      ...dropRanker,
      rate: () => ({ ranking: 1, probability: 1, alert: true }),
    };
    // Trades days 0–50, silent 51–64, trades 65–99, dormant from day 100; lookback 42 starts at day 58.
    const days = [...daily('2026-01-01', 51), ...daily(addDays('2026-01-01', 65), 35)];
    const start = dayNumber(addDays('2026-01-01', 100));
    expect(firstAlertLead('m', days, start, always, opts)).toBe(35);
  });

  it('should count a positive never alerted as missed and leave the quartiles null', () => {
    const steady = daily('2026-01-01', 80, 10);
    const lt = leadTime(
      [{ merchantId: 'm', days: steady, startDay: dayNumber('2026-03-22') }],
      dropRanker,
      opts,
    );
    expect(lt).toEqual({ alerted: 0, missed: 1, p25: null, median: null, p75: null });
  });
});

describe('runBacktest early-warning target', () => {
  const activity = new Map<string, DailyActivity[]>([
    ['trading-then-stops', daily('2026-01-01', 100)],
    ['keeps-trading', daily('2026-01-01', 150)],
    ['already-quiet', daily('2026-01-01', 85)],
    ['on-a-break', [...daily('2026-01-01', 84), ...daily(addDays('2026-01-01', 100), 40)]],
    ['stops-later', daily('2026-01-01', 140)],
  ]);
  const truth = [
    {
      merchantId: 'trading-then-stops',
      dormancyDay: addDays('2026-01-01', 100),
      dormantFrom: addDays('2026-01-01', 130),
    },
    {
      merchantId: 'already-quiet',
      dormancyDay: addDays('2026-01-01', 85),
      dormantFrom: addDays('2026-01-01', 115),
    },
    {
      merchantId: 'stops-later',
      dormancyDay: addDays('2026-01-01', 140),
      dormantFrom: addDays('2026-01-01', 170),
    },
  ];
  const asOfDate = addDays('2026-01-01', 92);

  it('should keep only merchants still trading at asOf and label the dormancy starts within the horizon', () => {
    const report = runBacktest({
      activity,
      truth,
      asOfDate,
      horizonDays: 30,
      target: 'early-warning',
      policy: DEFAULT_SCORING_POLICY,
      extraRankers: () => [dropRanker],
    });
    // already-quiet has begun its dormancy; on-a-break last traded 9 days before asOf: out (silence keeps it).
    expect(report.merchants).toBe(3);
    expect(report.positives).toBe(1);
    expect(Object.keys(report.earlyWarning!.rankers)).toEqual(['score', 'recency', 'drop']);
    expect(report.recencyRule.days).toBe(3);
    expect(report.others.drop.auc).toBeDefined();
    expect(report.earlyWarning!.rankers.recency.leadTimeDays).toMatchObject({ alerted: 0, missed: 1 });
    const silence = runBacktest({
      activity,
      truth,
      asOfDate,
      horizonDays: 30,
      target: 'silence',
      policy: DEFAULT_SCORING_POLICY,
    });
    expect(silence.merchants).toBe(4);
    expect(silence.positives).toBe(1);
    expect(silence.earlyWarning).toBeUndefined();
  });
});
