import type { ClosureReason } from '@merchant-pulse/contracts';

/** Declare a temporary closure of a merchant (local dates, inclusive). */
export class DeclareClosureCommand {
  constructor(
    readonly merchantId: string,
    readonly startsOn: string,
    readonly endsOn: string,
    readonly reason: ClosureReason,
    readonly note: string | undefined,
    readonly actor: string,
  ) {}
}
