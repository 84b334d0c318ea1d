/** Refit the BG/NBD population model on every merchant's active days up to a date. */
export class RefitPopulationModelCommand {
  constructor(
    /** Last day of data the fit may use, `YYYY-MM-DD`. */
    readonly asOfDate: string,
  ) {}
}
