import { IngestItem, UnparsedItem } from '../../ingest.model';

/** Ingest one chunk of raw transactions (from Kafka, or replayed from parking). */
export class IngestTransactionsCommand {
  constructor(
    /** Parsed transactions, in partition order. */
    readonly items: readonly IngestItem[],
    /** Messages that did not parse: only counted here (the transport dead-letters them). */
    readonly unparsed: readonly UnparsedItem[] = [],
    /** True when the items come out of parking: they were counted as received (and parked) before. */
    readonly fromParking = false,
  ) {}
}
