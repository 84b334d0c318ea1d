import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { dayNumber, lastCompleteLocalDate } from '../../../activity/daily-activity';
import { MerchantActivityRepository } from '../../../activity/merchant-activity.repository';
import { ChurnScoringConfig } from '../../../config/churn-scoring.config';
import { BacktestReport, runBacktest } from '../../backtest.runner';
import { deriveObservedTruth } from '../../ground-truth';
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

  async execute(command: RunBacktestCommand): Promise<BacktestReport & { truth: string }> {
    const policy = this.config.scoringPolicy;
    const dataEnd = lastCompleteLocalDate(this.clock.now(), this.config.SCORING_TIMEZONE);
    // A dormancy starting on the horizon's last day is only confirmed dormantAfterDays later.
    const confirm = command.target === 'dormant' ? 0 : policy.dormantAfterDays;
    if (dayNumber(command.asOfDate) + command.horizonDays + confirm > dayNumber(dataEnd))
      throw new UnprocessableEntityException(
        `asOfDate + horizon${confirm ? ` + ${confirm} days` : ''} must be on or before ${dataEnd} (the last complete day) to observe the outcome`,
      );
    const activity = await this.activity.loadDailyActivity(null);
    const truth = deriveObservedTruth(activity, command.asOfDate, dataEnd, policy.dormantAfterDays);
    const report = runBacktest({
      activity,
      truth,
      asOfDate: command.asOfDate,
      horizonDays: command.horizonDays,
      target: command.target,
      earlyWarning: command.activeWithinDays ? { activeWithinDays: command.activeWithinDays } : undefined,
      policy,
    });
    return { ...report, truth: 'observed' };
  }
}
