/** Rescore some merchants as of a date (the last complete local day of the clock by default). */
export class RescoreMerchantsCommand {
  constructor(
    readonly merchantIds: readonly string[],
    /** `YYYY-MM-DD`: scores use activity up to and including this day. */
    readonly asOfDate: string,
  ) {}
}
