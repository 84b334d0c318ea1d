/** Backtest the score against the recency rule as of a past date over a horizon. */
export class RunBacktestCommand {
  constructor(
    readonly asOfDate: string,
    readonly horizonDays: number,
  ) {}
}
