import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { DeadLetterReason, parseRawTransaction, Topics } from '@merchant-pulse/contracts';
import { MessageMeta, TopicNamer } from '@merchant-pulse/kafka';
import { EntityManager } from 'typeorm';
import { utcDate, utcDateOfInstant } from '../shared/local-time';
import { IngestItem, IngestRejection, UnparsedItem } from '../transactions/ingest.model';
import { textHeaders } from '../transactions/raw-transaction.source';
import { NewDeadLetter } from './dead-letter.model';
import { DeadLetterRepository } from './dead-letter.repository';

/** Consumer group named in the dead-letter headers of everything ingestion rejects. */
export const RAW_CONSUMER_GROUP = 'transaction-ingestion.raw';

/** A parked message dead-lettered outside the consumer (expired, or refused on replay). */
export interface ParkedLetter {
  raw: Buffer;
  key: string | null;
  partition: number;
  offset: string;
  reason: DeadLetterReason;
  detail: string;
}

/**
 * Stores the queryable copy of each dead letter in the transaction that counts it as rejected, with
 * the ledger key and amount of that count — exactly what a later re-drive moves back out.
 */
@Injectable()
export class DeadLetterRecorder {
  constructor(
    private readonly deadLetters: DeadLetterRepository,
    @Inject(TopicNamer) private readonly namer: TopicNamer,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** The unparsed messages and rule rejections of a consumed chunk. */
  async fromChunk(
    manager: EntityManager,
    unparsed: readonly UnparsedItem[],
    rejections: readonly IngestRejection[],
    redriveOf: (x: IngestItem | UnparsedItem) => string | null,
  ): Promise<void> {
    const group = this.namer.physical(RAW_CONSUMER_GROUP);
    const letters: NewDeadLetter[] = [];
    for (const u of unparsed) {
      if (!u.message) continue;
      letters.push({
        reason: u.reason,
        detail: u.message.detail,
        topic: Topics.AcquirerTransactions,
        partition: u.partition,
        offset: u.message.offset,
        key: u.message.key,
        value: u.message.raw,
        headers: u.message.headers,
        consumerGroup: group,
        acquirerId: u.acquirerId,
        businessDate: u.businessDate,
        shard: u.partition,
        amountMinor: 0,
        merchantId: null,
        transactionId: null,
        redriveOf: redriveOf(u),
      });
    }
    for (const r of rejections)
      letters.push(itemLetter(r.item, r.reason, r.detail, group, redriveOf(r.item)));
    await this.deadLetters.record(manager, letters, this.clock.now());
  }

  /** Parked messages dead-lettered through the outbox (their original headers were not kept). */
  async fromParking(manager: EntityManager, parked: readonly ParkedLetter[]): Promise<void> {
    const group = this.namer.physical(RAW_CONSUMER_GROUP);
    const now = this.clock.now();
    const letters = parked.map((p): NewDeadLetter => {
      const parsed = parseRawTransaction(p.raw);
      const item: IngestItem | null = parsed.ok
        ? {
            tx: parsed.value,
            raw: p.raw,
            key: p.key,
            partition: p.partition,
            offset: p.offset,
            producedAtMs: null,
          }
        : null;
      if (item) return itemLetter(item, p.reason, p.detail, group, null);
      return {
        ...itemLetterBase(p, group),
        reason: p.reason,
        detail: p.detail,
        acquirerId: 'unknown',
        businessDate: utcDate(now.getTime()),
        amountMinor: 0,
        merchantId: null,
        transactionId: null,
        redriveOf: null,
      };
    });
    await this.deadLetters.record(manager, letters, now);
  }
}

function itemLetterBase(
  p: { raw: Buffer; key: string | null; partition: number; offset: string },
  group: string,
): Pick<
  NewDeadLetter,
  'topic' | 'partition' | 'offset' | 'key' | 'value' | 'headers' | 'consumerGroup' | 'shard'
> {
  return {
    topic: Topics.AcquirerTransactions,
    partition: p.partition,
    offset: p.offset,
    key: p.key,
    value: p.raw,
    headers: {},
    consumerGroup: group,
    shard: p.partition,
  };
}

/** A parsed message's letter: charged, like its ledger line, to its acquirer and UTC date of occurredAt. */
function itemLetter(
  item: IngestItem,
  reason: DeadLetterReason,
  detail: string,
  group: string,
  redriveOf: string | null,
): NewDeadLetter {
  return {
    ...itemLetterBase(item, group),
    // The consumer's items carry their Kafka message (headers read only now, off the hot path).
    headers: textHeaders((item.source as MessageMeta | undefined)?.headers),
    reason,
    detail,
    acquirerId: item.tx.acquirerId,
    businessDate: utcDateOfInstant(item.tx.occurredAt),
    amountMinor: item.tx.amountMinor,
    merchantId: item.tx.merchantId,
    transactionId: item.tx.transactionId,
    redriveOf,
  };
}
