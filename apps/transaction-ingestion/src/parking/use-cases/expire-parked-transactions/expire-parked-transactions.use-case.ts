import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { EntityManager } from 'typeorm';
import { IngestLedgerRepository } from '../../../accounting/ingest-ledger.repository';
import { IngestMetrics } from '../../../accounting/ingest.metrics';
import { afterCommit } from '../../../shared/on-commit';
import { LedgerAccumulator } from '../../../transactions/ingest-ledger.accumulator';
import { DeadLetterOutbox } from '../../dead-letter.outbox';
import { parkedItems, ParkedTransactionRepository } from '../../parked-transaction.repository';

/**
 * Parked transactions whose merchant never registered (`unknown_merchant`), or refunds/reversals
 * whose original never arrived (`unknown_original`), within PARKED_TTL_MS are dead-lettered with
 * their original bytes; the ledger moves them from parked to rejected.
 */
@Injectable()
export class ExpireParkedTransactionsUseCase {
  constructor(
    private readonly parking: ParkedTransactionRepository,
    private readonly ledger: IngestLedgerRepository,
    private readonly metrics: IngestMetrics,
    private readonly deadLetters: DeadLetterOutbox,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute(manager: EntityManager): Promise<number> {
    const rows = await this.parking.takeExpired(manager, this.clock.nowMs());
    if (rows.length === 0) return 0;
    const accumulator = new LedgerAccumulator();
    const letters = parkedItems(rows).map(({ item, row }) => {
      const reason = row.awaitingOriginal === null ? 'unknown_merchant' : 'unknown_original';
      accumulator.add(item, 'parked', '', 0, -1);
      accumulator.add(item, 'rejected', reason);
      const detail =
        reason === 'unknown_merchant'
          ? 'merchant not registered within the parking TTL'
          : `original transaction ${row.awaitingOriginal} not received within the parking TTL`;
      return { row, reason, detail } as const;
    });
    const deltas = accumulator.list();
    await this.ledger.add(manager, deltas);
    await this.deadLetters.enqueue(manager, letters);
    afterCommit(manager, () => this.metrics.record(deltas));
    return rows.length;
  }
}
