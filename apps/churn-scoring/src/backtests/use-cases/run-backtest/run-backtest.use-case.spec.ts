import { UnprocessableEntityException } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { MerchantActivityRepository } from '../../../activity/merchant-activity.repository';
import { ChurnScoringConfig } from '../../../config/churn-scoring.config';
import { generateSyntheticActivity } from '../../synthetic-activity.generator';
import { RunBacktestCommand } from './run-backtest.command';
import { RunBacktestUseCase } from './run-backtest.use-case';

describe(RunBacktestUseCase.name, () => {
  const data = generateSyntheticActivity({ merchants: 300, startDate: '2026-01-01', days: 200, seed: 3 });
  const rowCount = [...data.activity.values()].reduce((n, days) => n + days.length, 0);
  const repository = {
    countDailyActivity: async () => rowCount,
    loadAllDailyActivityPaged: async () => data.activity,
  } as unknown as MerchantActivityRepository;
  const config = Object.assign(new ChurnScoringConfig(), { SCORING_TIMEZONE: 'Asia/Shanghai' });
  const clock = { now: () => new Date('2026-07-20T06:00:00Z') } as Clock;
  const useCase = new RunBacktestUseCase(repository, config, clock);

  it('should run the early-warning target on observed truth with alerts and lead time', async () => {
    const report = await useCase.execute(new RunBacktestCommand('2026-05-01', 30, 'early-warning', 5));
    expect(report.target).toBe('early-warning');
    expect(report.truth).toBe('observed');
    expect(report.earlyWarning?.options.activeWithinDays).toBe(5);
    expect(report.positives).toBeGreaterThan(0);
  });

  it('should refuse an early-warning horizon whose dormancies cannot be confirmed yet (30 more days)', async () => {
    // 2026-06-01 + 30 is within the data (2026-07-19) but its dormancies are confirmed only by 2026-07-31.
    await expect(useCase.execute(new RunBacktestCommand('2026-06-01', 30, 'early-warning'))).rejects.toThrow(
      UnprocessableEntityException,
    );
    await expect(useCase.execute(new RunBacktestCommand('2026-06-01', 30, 'dormant'))).resolves.toMatchObject(
      {
        target: 'dormant',
      },
    );
  });

  it('should train the hazard model on the stored history up to asOf and compare it when asked', async () => {
    const report = await useCase.execute(new RunBacktestCommand('2026-05-20', 30, 'early-warning', 7, true));
    expect(report.hazardModel?.version).toMatch(/^hazard-2026-05-20-v1\+(bgnbd|bgbb)$/);
    expect(Object.keys(report.earlyWarning!.rankers)).toEqual(['score', 'recency', 'hazard']);
  });

  it('should answer 422 with the reason when the history is too short to train the hazard model', async () => {
    const failure = useCase.execute(new RunBacktestCommand('2026-04-01', 30, 'early-warning', 7, true));
    await expect(failure).rejects.toBeInstanceOf(UnprocessableEntityException);
    await expect(failure).rejects.toThrow(
      /hazard model: need 6 weekly as-of dates .* about 123 days of history, \d+ available/,
    );
  });

  it('should refuse with 422 naming the limit, before loading anything, when the history is above BACKTEST_MAX_ACTIVITY_ROWS', async () => {
    let loaded = false;
    const small = Object.assign(new ChurnScoringConfig(), {
      SCORING_TIMEZONE: 'Asia/Shanghai',
      BACKTEST_MAX_ACTIVITY_ROWS: rowCount - 1,
    });
    const guarded = new RunBacktestUseCase(
      {
        countDailyActivity: async () => rowCount,
        loadAllDailyActivityPaged: async () => {
          loaded = true;
          return data.activity;
        },
      } as unknown as MerchantActivityRepository,
      small,
      clock,
    );
    const failure = guarded.execute(new RunBacktestCommand('2026-05-01', 30, 'dormant'));
    await expect(failure).rejects.toBeInstanceOf(UnprocessableEntityException);
    await expect(failure).rejects.toThrow(/BACKTEST_MAX_ACTIVITY_ROWS/);
    expect(loaded).toBe(false);
  });
});
