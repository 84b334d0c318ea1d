import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { MetricsService } from '@merchant-pulse/observability';
import { createHash } from 'node:crypto';
import { Counter } from 'prom-client';
import { EntityManager } from 'typeorm';
import { LedgerAccumulator } from '../transactions/ingest-ledger.accumulator';
import { IngestItem, UnparsedItem } from '../transactions/ingest.model';
import { IngestTransactionsCommand } from '../transactions/use-cases/ingest-transactions/ingest-transactions.command';
import { RedriveClaim, RedriveOutcome } from './dead-letter.model';
import { DeadLetterRepository } from './dead-letter.repository';

type Message = IngestItem | UnparsedItem;

/** A chunk with its live re-drives claimed. */
export interface ClaimedChunk {
  /** The chunk without stale copies of settled re-drives. */
  command: IngestTransactionsCommand;
  /** Re-driven messages whose dead letter awaited them, with the ledger key to move. */
  live: Map<Message, RedriveClaim>;
}

/**
 * The ledger rule of a re-drive: the re-driven message is NOT received a second time. When it is
 * consumed, the count its dead letter left in `rejected` (its original acquirer, day, shard, reason and
 * amount) is taken out and the message is counted in its new outcome, so per acquirer and day
 * `received = accepted + duplicate + rejected + parked` still holds; a `redriven` line (reason
 * `<original reason>:<new outcome>`, outside `received`) records that it happened. A dead letter is
 * settled once: another copy of the same re-drive (a producer retry) is left out of the ledger. A
 * marker is only believed on the dead letter's own bytes, so a forged header cannot hide a message.
 */
@Injectable()
export class RedriveAccounting {
  private readonly copies: Counter<string>;

  constructor(
    private readonly deadLetters: DeadLetterRepository,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(MetricsService) metrics: MetricsService,
  ) {
    this.copies = metrics.counter(
      'pulse_ingest_redrive_copies_total',
      'Extra copies of an already settled re-drive, left out of the ledger',
      [],
    );
  }

  /** Locks the dead letters the chunk's re-drives name; unknown or unrequested markers are ignored. */
  async claim(manager: EntityManager, command: IngestTransactionsCommand): Promise<ClaimedChunk> {
    const live = new Map<Message, RedriveClaim>();
    const marked = [...command.items, ...command.unparsed].filter((m) => m.redrive);
    if (command.fromParking || marked.length === 0) return { command, live };
    const claims = await this.deadLetters.claim(
      manager,
      marked.map((m) => m.redrive!.deadLetterId),
    );
    const settled = new Set<string>();
    const stale = new Set<Message>();
    for (const m of marked) {
      const claim = claims.get(m.redrive!.deadLetterId);
      // Only the letter's own bytes under its own attempt are its re-drive; anything else is ordinary.
      if (!claim || claim.attempt !== m.redrive!.attempt || claim.valueSha256 !== sha256(m)) continue;
      if (claim.status === 'redrive_requested' && !settled.has(claim.id)) {
        settled.add(claim.id);
        live.set(m, claim);
      } else if (claim.status !== 'dead') stale.add(m);
    }
    if (stale.size > 0) this.copies.inc(stale.size);
    const unparsed = command.unparsed
      .filter((u) => !stale.has(u))
      .map((u) => {
        const claim = live.get(u);
        if (!claim) return u;
        // Charged to the day its dead letter was counted on, whatever the clock says now.
        const moved = { ...u, acquirerId: claim.acquirerId, businessDate: claim.businessDate };
        live.delete(u);
        live.set(moved, claim);
        return moved;
      });
    const items = command.items.filter((i) => !stale.has(i));
    return { command: new IngestTransactionsCommand(items, unparsed, command.fromParking), live };
  }

  /** Moves each live re-drive out of `rejected` and marks its dead letter settled with its outcome. */
  async settle(
    manager: EntityManager,
    ledger: LedgerAccumulator,
    live: ReadonlyMap<Message, RedriveClaim>,
    outcomeOf: (m: Message) => RedriveOutcome,
  ): Promise<void> {
    if (live.size === 0) return;
    const settled: Array<{ id: string; outcome: RedriveOutcome }> = [];
    for (const [message, claim] of live) {
      const outcome = outcomeOf(message);
      const key = { acquirerId: claim.acquirerId, businessDate: claim.businessDate, shard: claim.shard };
      ledger.addRaw({ ...key, outcome: 'rejected', reason: claim.reason }, -1, -claim.amountMinor);
      ledger.addRaw(
        { ...key, outcome: 'redriven', reason: `${claim.reason}:${outcome}` },
        1,
        claim.amountMinor,
      );
      settled.push({ id: claim.id, outcome });
    }
    await this.deadLetters.complete(manager, settled, this.clock.now());
  }
}

function sha256(m: Message): string {
  const raw = 'tx' in m ? m.raw : m.message?.raw;
  return raw ? createHash('sha256').update(raw).digest('hex') : '';
}
