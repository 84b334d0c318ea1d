import { EventProducer, OutgoingRecord } from '../producer/event.producer';
import { recordBytes, splitByBytes } from '../producer/produce-request.plan';
import {
  describeProduceError as describeError,
  kafkaErrorType,
  produceFailureKind,
} from '../producer/producer.errors';
import { FailedOutboxRow, OutboxRow } from './outbox.repository';

/** A row that can never be published, with the Kafka error code it failed with (the metric's label). */
export interface FailedRow extends FailedOutboxRow {
  code: string;
}

/** What one round did with its claimed rows. */
export interface PublishRound {
  /** Acknowledged by the broker. */
  sent: string[];
  /** Never publishable: moved aside. */
  failed: FailedRow[];
  /** Not attempted or not acknowledged because of `transient`; they stay pending. */
  unsent: string[];
  /** The transient producer error that stopped the round, if any. */
  transient?: unknown;
}

class TopicFailure extends Error {
  constructor(readonly original: unknown) {
    super(describeError(original));
  }
}

/**
 * Publishes claimed rows topic by topic, in seq order, in byte-bounded requests. A record refused on
 * its own merits (too large, invalid) is isolated by halving its request and reported as failed; a
 * topic-level refusal (the topic does not exist after the producer's retries) fails that topic's rows
 * of the round; a transient error stops the round, leaving the rest unsent.
 */
export async function publishOutboxRows(producer: EventProducer, rows: OutboxRow[]): Promise<PublishRound> {
  const round: PublishRound = { sent: [], failed: [], unsent: [] };
  const byTopic = new Map<string, OutboxRow[]>();
  for (const row of rows) byTopic.set(row.topic, [...(byTopic.get(row.topic) ?? []), row]);
  for (const [topic, topicRows] of byTopic) {
    if (round.transient) {
      round.unsent.push(...topicRows.map((r) => r.seq));
      continue;
    }
    await publishTopic(producer, topic, topicRows, round);
  }
  return round;
}

async function publishTopic(
  producer: EventProducer,
  topic: string,
  rows: OutboxRow[],
  round: PublishRound,
): Promise<void> {
  const fitting: OutboxRow[] = [];
  for (const row of rows) {
    if (producer.fits(toRecord(row))) fitting.push(row);
    else
      round.failed.push({
        seq: row.seq,
        code: 'MESSAGE_TOO_LARGE',
        error: `MESSAGE_TOO_LARGE: ${bytesOf(row)} bytes exceed the producer's limit of ${producer.maxRequestBytes}`,
      });
  }
  const requests = splitByBytes(fitting, bytesOf, producer.maxRequestBytes);
  for (let i = 0; i < requests.length; i++) {
    try {
      await sendIsolating(producer, requests[i], round);
    } catch (error) {
      const rest = requests.slice(i).flat();
      if (error instanceof TopicFailure) {
        const code = kafkaErrorType(error.original) ?? 'UNKNOWN_TOPIC_OR_PARTITION';
        const message = `${topic}: ${describeError(error.original)}`;
        round.failed.push(...rest.map((r) => ({ seq: r.seq, code, error: message })));
      } else {
        round.transient = error;
        round.unsent.push(...rest.map((r) => r.seq));
      }
      return;
    }
  }
}

/**
 * Sends one request; when the broker refuses a record on its own merits, sends the request's records
 * one by one to find it. A refused request may have been appended on its other partitions, so those
 * records can reach the topic twice (at least once; consumers are idempotent).
 */
async function sendIsolating(producer: EventProducer, rows: OutboxRow[], round: PublishRound): Promise<void> {
  try {
    await producer.send(rows.map(toRecord));
    round.sent.push(...rows.map((r) => r.seq));
  } catch (error) {
    const kind = produceFailureKind(error);
    if (kind === 'topic') throw new TopicFailure(error);
    if (kind === 'transient') throw error;
    if (rows.length === 1) {
      const code = kafkaErrorType(error) ?? 'INVALID_RECORD';
      round.failed.push({ seq: rows[0].seq, code, error: describeError(error) });
      return;
    }
    for (const row of rows) await sendIsolating(producer, [row], round);
  }
}

function toRecord(row: OutboxRow): OutgoingRecord {
  return { topic: row.topic, key: row.message_key, value: row.value, headers: row.headers };
}

function bytesOf(row: OutboxRow): number {
  return recordBytes(toRecord(row));
}
