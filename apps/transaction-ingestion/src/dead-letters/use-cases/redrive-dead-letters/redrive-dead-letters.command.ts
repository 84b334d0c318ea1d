/** Re-drive the selected dead letters (their original bytes, to their source topic), audited. */
export class RedriveDeadLettersCommand {
  constructor(
    /** Dead-letter ids, distinct, in the order the caller listed them. */
    readonly ids: readonly string[],
    /** Who asked: the `X-Actor` header, else the API key id. */
    readonly actor: string,
    /** The API key the request came with. */
    readonly apiKeyId: string | null,
  ) {}
}
