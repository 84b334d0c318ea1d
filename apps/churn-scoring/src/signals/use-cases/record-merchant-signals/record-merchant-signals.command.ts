import type { AnyEvent } from '@merchant-pulse/contracts';

/** Apply lifecycle, terminal-health or ticket events (validated envelopes) seen by one consumer. */
export class RecordMerchantSignalsCommand {
  constructor(
    /** Inbox name of the consumer (dedupe is per consumer). */
    readonly consumer: string,
    readonly events: readonly AnyEvent[],
  ) {}
}
