import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { EntityManager } from 'typeorm';
import { IngestLedgerRepository } from '../../../accounting/ingest-ledger.repository';
import { IngestMetrics } from '../../../accounting/ingest.metrics';
import { DailyActivityAccumulator } from '../../../activity/daily-activity.accumulator';
import { DailyActivityRepository } from '../../../activity/daily-activity.repository';
import { TransactionIngestionConfig } from '../../../config/transaction-ingestion.config';
import { RedriveOutcome } from '../../../dead-letters/dead-letter.model';
import { DeadLetterRecorder } from '../../../dead-letters/dead-letter.recorder';
import { RedriveAccounting } from '../../../dead-letters/redrive.accounting';
import { MerchantProjectionCache } from '../../../merchants/merchant-projection.cache';
import { DeadLetterOutbox } from '../../../parking/dead-letter.outbox';
import { replayParkedRows } from '../../../parking/parked-replay';
import { ParkedTransactionRepository } from '../../../parking/parked-transaction.repository';
import { afterCommit } from '../../../shared/on-commit';
import { TerminalActivityRepository } from '../../../terminal-health/terminal-activity.repository';
import {
  IngestItem,
  IngestRejection,
  OriginalTransaction,
  PricedTransaction,
  UnparsedItem,
} from '../../ingest.model';
import { LedgerAccumulator } from '../../ingest-ledger.accumulator';
import { attachOriginals, planIngestion } from '../../ingest.planner';
import { TransactionRepository } from '../../transaction.repository';
import { IngestTransactionsCommand } from './ingest-transactions.command';

/** What one chunk did. */
export interface IngestResult {
  accepted: number;
  duplicates: number;
  parked: number;
  rejections: IngestRejection[];
}

const identity = (tx: { acquirerId: string; transactionId: string }) =>
  `${tx.acquirerId}\u0000${tx.transactionId}`;

/**
 * The ingestion pipeline for one chunk, in the caller's transaction: resolve merchants → rules →
 * dedupe (one bulk insert) → fees → daily activity (+ dirty merchant-day marks) → terminal
 * buckets → parking → ledger. Every message ends in exactly one ledger outcome, so
 * received = accepted + duplicate + rejected (+ parked, until replayed or expired). What it rejects is
 * stored as a dead letter in the same transaction; a re-driven dead letter is not received again (its
 * count moves out of rejected, see RedriveAccounting).
 */
@Injectable()
export class IngestTransactionsUseCase {
  constructor(
    private readonly merchants: MerchantProjectionCache,
    private readonly transactions: TransactionRepository,
    private readonly activity: DailyActivityRepository,
    private readonly terminals: TerminalActivityRepository,
    private readonly parking: ParkedTransactionRepository,
    private readonly ledger: IngestLedgerRepository,
    private readonly metrics: IngestMetrics,
    private readonly deadLetters: DeadLetterOutbox,
    private readonly config: TransactionIngestionConfig,
    @Inject(Clock) private readonly clock: Clock,
    private readonly recorder: DeadLetterRecorder,
    private readonly redrives: RedriveAccounting,
  ) {}

  async execute(received: IngestTransactionsCommand, manager: EntityManager): Promise<IngestResult> {
    const nowMs = this.clock.nowMs();
    const { command, live } = await this.redrives.claim(manager, received);
    const ledger = new LedgerAccumulator();
    for (const u of command.unparsed) {
      ledger.addRaw(
        {
          acquirerId: u.acquirerId,
          businessDate: u.businessDate,
          outcome: 'rejected',
          reason: u.reason,
          shard: u.partition,
        },
        1,
      );
    }
    const merchants = await this.merchants.resolve(
      command.items.map((i) => i.tx.merchantId),
      manager,
    );
    const plan = planIngestion(command.items, {
      merchants,
      nowMs,
      futureToleranceMs: this.config.FUTURE_TOLERANCE_MS,
    });
    const originals = await this.loadOriginals(manager, plan.priced);
    const { kept, rejections: originalRejections, awaiting } = attachOriginals(plan.priced, originals);
    const rejections = [...plan.rejections, ...originalRejections];

    const { inserted: accepted, duplicates: known } = await this.transactions.insertNew(manager, kept);
    const duplicates = [...plan.duplicates, ...known.map((p) => p.item)];
    await this.applyReversals(manager, accepted);
    await this.transactions.addRefunded(manager, approvedRefunds(accepted));
    await this.publishActivity(manager, accepted);
    await this.terminals.record(manager, accepted);
    // From parking, a still-unknown merchant cannot happen (replay joins the projection), but if it
    // did the row goes back to parking rather than vanish.
    const parkedIds = await this.parking.park(manager, plan.toPark, nowMs, this.config.PARKED_TTL_MS);
    const awaitingItems = awaiting.map((p) => p.item);
    const awaitingIds = await this.parking.park(
      manager,
      awaitingItems,
      nowMs,
      this.config.PARKED_TTL_MS,
      true,
    );

    const outcome = { accepted, duplicates, rejections, toPark: plan.toPark, parkedIds };
    this.count(ledger, command, outcome);
    this.countAwaiting(ledger, command, awaitingItems, awaitingIds);
    if (!command.fromParking) {
      await this.recorder.fromChunk(manager, command.unparsed, rejections, (m) => live.get(m)?.id ?? null);
      const outcomes = live.size ? outcomesOf({ ...outcome, awaitingItems, awaitingIds }) : new Map();
      await this.redrives.settle(manager, ledger, live, (m) => outcomes.get(m) ?? 'rejected');
    }
    const deltas = ledger.list();
    await this.ledger.add(manager, deltas);
    afterCommit(manager, () => this.metrics.record(deltas));
    await this.releaseAwaiting(manager, accepted);
    const parked = parkedIds.size + awaitingIds.size;
    return { accepted: accepted.length, duplicates: duplicates.length, parked, rejections };
  }

  /**
   * Refunds and reversals parked until their original arrived are replayed, in this transaction, once
   * it has been accepted; what they are refused for on replay is dead-lettered through the outbox.
   */
  private async releaseAwaiting(
    manager: EntityManager,
    accepted: readonly PricedTransaction[],
  ): Promise<void> {
    const purchases = accepted
      .filter((p) => p.item.tx.type === 'purchase')
      .map((p) => ({ acquirerId: p.item.tx.acquirerId, transactionId: p.item.tx.transactionId }));
    const rows = await this.parking.takeAwaiting(manager, purchases);
    await replayParkedRows(manager, rows, (command, m) => this.execute(command, m), this.deadLetters);
  }

  /** A refund waiting for its original is `parked` (a copy of one already waiting: `duplicate`). */
  private countAwaiting(
    ledger: LedgerAccumulator,
    command: IngestTransactionsCommand,
    items: readonly IngestItem[],
    parkedIds: Set<string>,
  ): void {
    for (const item of items) {
      if (command.fromParking) ledger.add(item, 'parked', '', 0, -1);
      ledger.add(item, parkedIds.has(identity(item.tx)) ? 'parked' : 'duplicate');
    }
  }

  /**
   * The stateless rule rejections (and their in-chunk copies) of items, without writing anything: for
   * a re-delivered chunk the database already holds, whose dead letters must still go out.
   */
  async ruleRejections(items: readonly IngestItem[], manager: EntityManager): Promise<IngestRejection[]> {
    const merchants = await this.merchants.resolve(
      items.map((i) => i.tx.merchantId),
      manager,
    );
    return planIngestion(items, {
      merchants,
      nowMs: this.clock.nowMs(),
      futureToleranceMs: this.config.FUTURE_TOLERANCE_MS,
    }).rejections;
  }

  /** Originals of the chunk's refunds/reversals: stored ones, or purchases earlier in the same chunk. */
  private async loadOriginals(
    manager: EntityManager,
    priced: readonly PricedTransaction[],
  ): Promise<Map<string, OriginalTransaction>> {
    const wanted = priced.filter((p) => p.item.tx.type !== 'purchase');
    const map = new Map<string, OriginalTransaction>();
    if (wanted.length === 0) return map;
    for (const p of priced) {
      const tx = p.item.tx;
      if (tx.type !== 'purchase') continue;
      map.set(identity(tx), {
        acquirerId: tx.acquirerId,
        transactionId: tx.transactionId,
        merchantId: tx.merchantId,
        occurredAt: new Date(p.occurredMs),
        localDate: p.localDate,
        channel: tx.channel,
        type: tx.type,
        status: tx.status,
        amountMinor: tx.amountMinor,
        feeMinor: p.feeMinor,
        reversedBy: null,
        refundedMinor: 0,
      });
    }
    const keys = wanted.map((p) => ({
      acquirerId: p.item.tx.acquirerId,
      transactionId: p.item.tx.originalTransactionId!,
    }));
    for (const [key, original] of await this.transactions.findOriginals(manager, keys))
      map.set(key, original);
    return map;
  }

  private async applyReversals(
    manager: EntityManager,
    accepted: readonly PricedTransaction[],
  ): Promise<void> {
    const reversals = accepted
      .filter((p) => p.item.tx.type === 'reversal' && p.item.tx.status === 'approved' && p.original)
      .map((p) => ({ original: p.original!, by: p.item.tx.transactionId }));
    await this.transactions.markReversed(manager, reversals);
  }

  /**
   * Adds the chunk to daily activity and marks the touched merchant-days dirty: the snapshot
   * publisher emits ONE MerchantDailyActivity per dirty merchant-day per round.
   */
  private async publishActivity(
    manager: EntityManager,
    accepted: readonly PricedTransaction[],
  ): Promise<void> {
    const accumulator = new DailyActivityAccumulator();
    for (const p of accepted) accumulator.add(p);
    await this.activity.add(manager, accumulator.list());
  }

  private count(
    ledger: LedgerAccumulator,
    command: IngestTransactionsCommand,
    outcome: {
      accepted: PricedTransaction[];
      duplicates: IngestItem[];
      rejections: IngestRejection[];
      toPark: IngestItem[];
      parkedIds: Set<string>;
    },
  ): void {
    const unpark = (item: IngestItem) => command.fromParking && ledger.add(item, 'parked', '', 0, -1);
    for (const p of outcome.accepted) {
      ledger.add(p.item, 'accepted', `${p.item.tx.type}.${p.item.tx.status}`, p.feeMinor);
      unpark(p.item);
    }
    for (const item of outcome.duplicates) {
      ledger.add(item, 'duplicate');
      unpark(item);
    }
    for (const r of outcome.rejections) {
      ledger.add(r.item, 'rejected', r.reason);
      unpark(r.item);
    }
    for (const item of outcome.toPark) {
      if (command.fromParking) continue; // still unknown: the caller parks it again unchanged
      ledger.add(item, outcome.parkedIds.has(identity(item.tx)) ? 'parked' : 'duplicate');
    }
  }
}

/** Where each message of the chunk ended, for settling re-drives (unparsed ones are all rejected). */
function outcomesOf(o: {
  accepted: PricedTransaction[];
  duplicates: IngestItem[];
  rejections: IngestRejection[];
  toPark: IngestItem[];
  parkedIds: Set<string>;
  awaitingItems: IngestItem[];
  awaitingIds: Set<string>;
}): Map<IngestItem | UnparsedItem, RedriveOutcome> {
  const map = new Map<IngestItem | UnparsedItem, RedriveOutcome>();
  for (const p of o.accepted) map.set(p.item, 'accepted');
  for (const item of o.duplicates) map.set(item, 'duplicate');
  for (const r of o.rejections) map.set(r.item, 'rejected');
  for (const item of o.toPark) map.set(item, o.parkedIds.has(identity(item.tx)) ? 'parked' : 'duplicate');
  for (const item of o.awaitingItems)
    map.set(item, o.awaitingIds.has(identity(item.tx)) ? 'parked' : 'duplicate');
  return map;
}

/** Approved refunds with their originals: what they add to the originals' refunded sums. */
function approvedRefunds(
  accepted: readonly PricedTransaction[],
): Array<{ original: OriginalTransaction; amountMinor: number }> {
  return accepted
    .filter((p) => p.item.tx.type === 'refund' && p.item.tx.status === 'approved' && p.original)
    .map((p) => ({ original: p.original!, amountMinor: p.item.tx.amountMinor }));
}
