/** Retrain the early-warning hazard model on the history up to a date; promote it only if it beats the current one. */
export class RetrainHazardModelCommand {
  constructor(
    /** Last day of data, `YYYY-MM-DD`. */
    readonly asOfDate: string,
    /** Weekly as-of dates held out to compare the candidate with the current model. */
    readonly holdoutWeeks: number,
  ) {}
}
