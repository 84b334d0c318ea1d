import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { DailyActivity, dayNumber, lastCompleteLocalDate } from '../../../activity/daily-activity';
import { MerchantActivityRepository } from '../../../activity/merchant-activity.repository';
import { ChurnScoringConfig } from '../../../config/churn-scoring.config';
import { BacktestReport, runBacktest } from '../../backtest.runner';
import { deriveObservedTruth } from '../../ground-truth';
import { HazardModelSummary, trainedHazardRanker } from '../../learned-ranker';
import { RunBacktestCommand } from './run-backtest.command';

/**
 * Backtest on stored history: ground truth is the dormancy OBSERVED afterwards (a silence of at least
 * DORMANT_AFTER_DAYS reached within the horizon), so the horizon must have fully elapsed by the
 * clock's last complete day.
 */
@Injectable()
export class RunBacktestUseCase {
  constructor(
    private readonly activity: MerchantActivityRepository,
    private readonly config: ChurnScoringConfig,
    private readonly clock: Clock,
  ) {}

  async execute(
    command: RunBacktestCommand,
  ): Promise<BacktestReport & { truth: string; hazardModel?: HazardModelSummary }> {
    const policy = this.config.scoringPolicy;
    const dataEnd = lastCompleteLocalDate(this.clock.now(), this.config.SCORING_TIMEZONE);
    // A dormancy starting on the horizon's last day is only confirmed dormantAfterDays later.
    const confirm = command.target === 'dormant' ? 0 : policy.dormantAfterDays;
    if (dayNumber(command.asOfDate) + command.horizonDays + confirm > dayNumber(dataEnd))
      throw new UnprocessableEntityException(
        `asOfDate + horizon${confirm ? ` + ${confirm} days` : ''} must be on or before ${dataEnd} (the last complete day) to observe the outcome`,
      );
    const rows = await this.activity.countDailyActivity();
    if (rows > this.config.BACKTEST_MAX_ACTIVITY_ROWS)
      throw new UnprocessableEntityException(
        `the backtest would load ${rows} merchant-days, above BACKTEST_MAX_ACTIVITY_ROWS (${this.config.BACKTEST_MAX_ACTIVITY_ROWS}); run it with the churn CLI on an activity file, or raise the limit with the memory to match`,
      );
    const activity = await this.activity.loadAllDailyActivityPaged();
    const truth = deriveObservedTruth(activity, command.asOfDate, dataEnd, policy.dormantAfterDays);
    const learned = command.withHazardModel ? this.trainHazard(activity, command) : null;
    const report = runBacktest({
      activity,
      truth,
      asOfDate: command.asOfDate,
      horizonDays: command.horizonDays,
      target: command.target,
      earlyWarning: command.activeWithinDays ? { activeWithinDays: command.activeWithinDays } : undefined,
      policy,
      extraRankers: learned ? (population) => [learned.rankerFor(population)] : undefined,
    });
    return learned
      ? { ...report, truth: 'observed', hazardModel: learned.summary }
      : { ...report, truth: 'observed' };
  }

  private trainHazard(activity: Map<string, DailyActivity[]>, command: RunBacktestCommand) {
    try {
      return trainedHazardRanker({ activity, ...command });
    } catch (error) {
      if (error instanceof RangeError) throw new UnprocessableEntityException(error.message);
      throw error;
    }
  }
}
