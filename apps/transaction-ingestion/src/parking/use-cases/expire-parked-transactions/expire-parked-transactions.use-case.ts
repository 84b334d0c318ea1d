import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { parseRawTransaction } from '@merchant-pulse/contracts';
import { EntityManager } from 'typeorm';
import { IngestLedgerRepository } from '../../../accounting/ingest-ledger.repository';
import { IngestMetrics } from '../../../accounting/ingest.metrics';
import { afterCommit } from '../../../shared/on-commit';
import { LedgerAccumulator } from '../../../transactions/ingest-ledger.accumulator';
import { DeadLetterOutbox } from '../../dead-letter.outbox';
import { ParkedTransactionRepository } from '../../parked-transaction.repository';

/**
 * Parked transactions whose merchant never registered within PARKED_TTL_MS are dead-lettered as
 * `unknown_merchant` with their original bytes; the ledger moves them from parked to rejected.
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
    for (const row of rows) {
      const parsed = parseRawTransaction(row.raw);
      if (!parsed.ok) continue;
      const item = {
        tx: parsed.value,
        raw: row.raw,
        key: row.messageKey,
        partition: row.partition,
        offset: row.offset,
        producedAtMs: row.producedAtMs,
      };
      accumulator.add(item, 'parked', '', 0, -1);
      accumulator.add(item, 'rejected', 'unknown_merchant');
    }
    const deltas = accumulator.list();
    await this.ledger.add(manager, deltas);
    await this.deadLetters.enqueue(
      manager,
      rows.map((row) => ({
        row,
        reason: 'unknown_merchant' as const,
        detail: 'merchant not registered within the parking TTL',
      })),
    );
    afterCommit(manager, () => this.metrics.record(deltas));
    return rows.length;
  }
}
