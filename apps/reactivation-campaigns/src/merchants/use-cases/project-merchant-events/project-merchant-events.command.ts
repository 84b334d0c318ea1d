import type { AnyEvent } from '@merchant-pulse/contracts';

/** Project lifecycle, risk, terminal-health or ticket events (validated envelopes) seen by one consumer. */
export class ProjectMerchantEventsCommand {
  constructor(
    /** Inbox name of the consumer (dedupe is per consumer). */
    readonly consumer: string,
    readonly events: readonly AnyEvent[],
  ) {}
}
