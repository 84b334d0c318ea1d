/** Redeem points for a catalogue item; `requestKey` makes a retried request the same redemption. */
export class RedeemPointsCommand {
  constructor(
    readonly merchantId: string,
    readonly item: string,
    readonly requestKey: string,
    readonly actor: string,
  ) {}
}
