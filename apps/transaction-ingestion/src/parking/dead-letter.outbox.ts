import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { DeadLetterReason, deadLetterHeaders, deadLetterTopicOf, Topics } from '@merchant-pulse/contracts';
import { TopicNamer } from '@merchant-pulse/kafka';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { DeadLetterRecorder, RAW_CONSUMER_GROUP } from '../dead-letters/dead-letter.recorder';
import { ParkedRow } from './parked-transaction.repository';

/**
 * Dead letters decided outside the consumer runner (parked transactions that expired, or were
 * rejected on replay) go through the outbox, in the same transaction as their ledger entry: the
 * ORIGINAL bytes, kept in the parked row, with the standard dead-letter headers — and, in the same
 * transaction, the queryable copy the dead-letter browser and re-drive read.
 */
@Injectable()
export class DeadLetterOutbox {
  constructor(
    @Inject(Clock) private readonly clock: Clock,
    @Inject(TopicNamer) private readonly namer: TopicNamer,
    private readonly recorder: DeadLetterRecorder,
  ) {}

  async enqueue(
    manager: EntityManager,
    letters: ReadonlyArray<{ row: ParkedRow; reason: DeadLetterReason; detail: string }>,
  ): Promise<void> {
    if (letters.length === 0) return;
    await this.recorder.fromParking(
      manager,
      letters.map((l) => ({
        raw: l.row.raw,
        key: l.row.messageKey,
        partition: l.row.partition,
        offset: l.row.offset,
        reason: l.reason,
        detail: l.detail,
      })),
    );
    const failedAt = this.clock.now();
    const topic = deadLetterTopicOf(Topics.AcquirerTransactions);
    await manager.query(
      `INSERT INTO outbox (event_id, topic, message_key, event_type, value, headers)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[])`,
      [
        letters.map(() => uuidv7()),
        letters.map(() => topic),
        letters.map((l) => l.row.messageKey ?? ''),
        letters.map(() => 'DeadLetter'),
        letters.map((l) => l.row.raw.toString('utf8')),
        letters.map((l) =>
          JSON.stringify(
            deadLetterHeaders({
              reason: l.reason,
              detail: l.detail,
              originalTopic: Topics.AcquirerTransactions,
              originalPartition: l.row.partition,
              originalOffset: l.row.offset,
              failedAt,
              consumerGroup: this.namer.physical(RAW_CONSUMER_GROUP),
            }),
          ),
        ),
      ],
    );
  }
}
