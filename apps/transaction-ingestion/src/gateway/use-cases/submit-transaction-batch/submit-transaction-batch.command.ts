/** A signed batch as received: verified on the exact raw bytes, never on a re-serialised body. */
export class SubmitTransactionBatchCommand {
  constructor(
    readonly acquirerId: string,
    readonly rawBody: Buffer | undefined,
    readonly timestamp: string | undefined,
    readonly signature: string | undefined,
    readonly idempotencyKey: string | undefined,
  ) {}
}
