/** A manual correction by staff: points (non-zero, signed), why, and who. */
export class AdjustPointsCommand {
  constructor(
    readonly merchantId: string,
    readonly points: number,
    readonly reason: string,
    readonly actor: string,
    /** Client-chosen key: the same adjustment submitted twice is posted once. */
    readonly requestKey: string,
  ) {}
}
