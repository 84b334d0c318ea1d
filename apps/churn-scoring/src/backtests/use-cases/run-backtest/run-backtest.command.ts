import { BacktestTarget } from '../../backtest.runner';

/** Backtest the score against the recency rule as of a past date over a horizon, for one target. */
export class RunBacktestCommand {
  constructor(
    readonly asOfDate: string,
    readonly horizonDays: number,
    readonly target: BacktestTarget = 'dormant',
    readonly activeWithinDays?: number,
    /** Also train and compare the learned hazard model. */
    readonly withHazardModel = false,
  ) {}
}
