import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { IngestTransactionsUseCase } from '../../../transactions/use-cases/ingest-transactions/ingest-transactions.use-case';
import { DeadLetterOutbox } from '../../dead-letter.outbox';
import { replayParkedRows } from '../../parked-replay';
import { ParkedTransactionRepository } from '../../parked-transaction.repository';

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
    await replayParkedRows(manager, rows, (command, m) => this.ingest.execute(command, m), this.deadLetters);
    return rows.length;
  }
}
