import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { DeadLetterHeaders, RedriveHeaders, redriveHeaders } from '@merchant-pulse/contracts';
import { withTransaction } from '@merchant-pulse/database';
import { LOGGER, Logger } from '@merchant-pulse/observability';
import { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { DeadLetterRecord } from '../../dead-letter.model';
import { DeadLetterRepository } from '../../dead-letter.repository';
import { notRedrivableBecause } from '../../dead-letter.view';
import { RedriveDeadLettersCommand } from './redrive-dead-letters.command';

/** What happened to one requested id. */
export type RedriveItemOutcome = 'republished' | 'already_redriven' | 'not_found' | 'not_redrivable';

export interface RedriveItemResult {
  id: string;
  outcome: RedriveItemOutcome;
  /** The re-drive attempt (republished, or the one already made); null when not found. */
  attempt: number | null;
  /** Why it cannot be re-driven (not_redrivable only). */
  detail?: string;
}

export interface RedriveResult {
  results: RedriveItemResult[];
  republished: number;
  alreadyRedriven: number;
  notFound: number;
  notRedrivable: number;
}

const OWN_HEADERS = new Set<string>([...Object.values(DeadLetterHeaders), ...Object.values(RedriveHeaders)]);

/**
 * Republishes the selected dead letters' original bytes to their source topic, through the outbox in
 * the same transaction that marks each `redrive_requested`: the request is all-or-nothing, and a
 * dead letter is re-driven at most once (the rows are locked, so two concurrent requests for the same
 * id republish it once). The consumer settles it in the ledger when the re-drive arrives.
 */
@Injectable()
export class RedriveDeadLettersUseCase {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly deadLetters: DeadLetterRepository,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(command: RedriveDeadLettersCommand): Promise<RedriveResult> {
    const results = await withTransaction(this.dataSource, async (manager) => {
      const rows = new Map(
        (await this.deadLetters.lockForRedrive(manager, command.ids)).map((r) => [r.id, r]),
      );
      const decided = command.ids.map((id) => decide(id, rows.get(id)));
      const chosen = decided.filter((d) => d.outcome === 'republished').map((d) => rows.get(d.id)!);
      await this.enqueue(manager, chosen);
      await this.deadLetters.markRequested(
        manager,
        chosen.map((r) => ({ id: r.id, attempt: r.nextAttempt })),
        { actor: command.actor, apiKeyId: command.apiKeyId, at: this.clock.now() },
      );
      return decided;
    });
    const count = (outcome: RedriveItemOutcome) => results.filter((r) => r.outcome === outcome).length;
    const result: RedriveResult = {
      results,
      republished: count('republished'),
      alreadyRedriven: count('already_redriven'),
      notFound: count('not_found'),
      notRedrivable: count('not_redrivable'),
    };
    this.logger.info(
      {
        audit: 'dead-letters.redrive',
        actor: command.actor,
        apiKeyId: command.apiKeyId,
        republished: results.filter((r) => r.outcome === 'republished').map((r) => r.id),
        refused: results.filter((r) => r.outcome !== 'republished').map((r) => `${r.id}:${r.outcome}`),
      },
      'dead letters re-driven',
    );
    return result;
  }

  /** The original value, key and headers (minus dead-letter/re-drive ones) plus this re-drive's marker. */
  private async enqueue(
    manager: EntityManager,
    rows: ReadonlyArray<DeadLetterRecord & { nextAttempt: number }>,
  ): Promise<void> {
    if (rows.length === 0) return;
    const headers = rows.map((r) => ({
      ...Object.fromEntries(Object.entries(r.headers).filter(([name]) => !OWN_HEADERS.has(name))),
      ...redriveHeaders({ deadLetterId: r.id, attempt: r.nextAttempt }),
    }));
    await manager.query(
      `INSERT INTO outbox (event_id, topic, message_key, event_type, value, headers)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[])`,
      [
        rows.map(() => uuidv7()),
        rows.map((r) => r.topic),
        rows.map((r) => r.key ?? ''),
        rows.map(() => 'Redrive'),
        rows.map((r) => r.value.toString('utf8')),
        headers.map((h) => JSON.stringify(h)),
      ],
    );
  }
}

function decide(
  id: string,
  row: (DeadLetterRecord & { nextAttempt: number }) | undefined,
): RedriveItemResult {
  if (!row) return { id, outcome: 'not_found', attempt: null };
  if (row.status !== 'dead') return { id, outcome: 'already_redriven', attempt: row.redriveAttempt };
  const because = notRedrivableBecause(row);
  if (because) return { id, outcome: 'not_redrivable', attempt: null, detail: because };
  return { id, outcome: 'republished', attempt: row.nextAttempt };
}
