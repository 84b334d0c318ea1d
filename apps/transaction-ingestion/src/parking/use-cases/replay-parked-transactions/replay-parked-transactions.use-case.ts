import { Injectable } from '@nestjs/common';
import { parseRawTransaction } from '@merchant-pulse/contracts';
import { EntityManager } from 'typeorm';
import { IngestItem } from '../../../transactions/ingest.model';
import { IngestTransactionsCommand } from '../../../transactions/use-cases/ingest-transactions/ingest-transactions.command';
import { IngestTransactionsUseCase } from '../../../transactions/use-cases/ingest-transactions/ingest-transactions.use-case';
import { DeadLetterOutbox } from '../../dead-letter.outbox';
import { ParkedRow, ParkedTransactionRepository } from '../../parked-transaction.repository';

/**
 * Runs parked transactions whose merchant is now known through the normal pipeline, in the caller's
 * transaction (the lifecycle consumer's, right after MerchantRegistered; or the maintenance job's for
 * anything that raced). Rejections on replay are dead-lettered through the outbox.
 */
@Injectable()
export class ReplayParkedTransactionsUseCase {
  constructor(
    private readonly parking: ParkedTransactionRepository,
    private readonly ingest: IngestTransactionsUseCase,
    private readonly deadLetters: DeadLetterOutbox,
  ) {}

  /** Replays the parked rows of `merchantIds` (all known merchants when omitted); returns how many. */
  async execute(manager: EntityManager, merchantIds?: readonly string[]): Promise<number> {
    const rows = await this.parking.takeForKnownMerchants(manager, merchantIds);
    if (rows.length === 0) return 0;
    const items: IngestItem[] = [];
    const byItem = new Map<IngestItem, ParkedRow>();
    for (const row of rows) {
      const parsed = parseRawTransaction(row.raw);
      if (!parsed.ok) continue; // parked rows were parsed before parking
      const item: IngestItem = {
        tx: parsed.value,
        raw: row.raw,
        key: row.messageKey,
        partition: row.partition,
        offset: row.offset,
        producedAtMs: row.producedAtMs,
      };
      items.push(item);
      byItem.set(item, row);
    }
    const result = await this.ingest.execute(new IngestTransactionsCommand(items, [], true), manager);
    await this.deadLetters.enqueue(
      manager,
      result.rejections.map((r) => ({ row: byItem.get(r.item)!, reason: r.reason, detail: r.detail })),
    );
    return rows.length;
  }
}
