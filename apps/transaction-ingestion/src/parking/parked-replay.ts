import { EntityManager } from 'typeorm';
import { IngestRejection } from '../transactions/ingest.model';
import { IngestTransactionsCommand } from '../transactions/use-cases/ingest-transactions/ingest-transactions.command';
import { DeadLetterOutbox } from './dead-letter.outbox';
import { parkedItems, ParkedRow } from './parked-transaction.repository';

/** The pipeline a replay runs parked rows through (IngestTransactionsUseCase.execute). */
export type IngestChunk = (
  command: IngestTransactionsCommand,
  manager: EntityManager,
) => Promise<{ rejections: IngestRejection[] }>;

/**
 * Runs parked rows through the pipeline in the caller's transaction, counted as coming out of parking,
 * and dead-letters what it refuses on replay through the outbox with the original bytes (they have no
 * Kafka message to hand back). Shared by the replay of merchants now known and of refunds whose
 * original arrived.
 */
export async function replayParkedRows(
  manager: EntityManager,
  rows: readonly ParkedRow[],
  ingest: IngestChunk,
  deadLetters: DeadLetterOutbox,
): Promise<void> {
  const parked = parkedItems(rows);
  if (parked.length === 0) return;
  const rowOf = new Map(parked.map((p) => [p.item, p.row]));
  const command = new IngestTransactionsCommand(
    parked.map((p) => p.item),
    [],
    true,
  );
  const { rejections } = await ingest(command, manager);
  await deadLetters.enqueue(
    manager,
    rejections.map((r) => ({ row: rowOf.get(r.item)!, reason: r.reason, detail: r.detail })),
  );
}
