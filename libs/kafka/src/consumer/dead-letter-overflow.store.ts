import { DataSource } from 'typeorm';
import type { DeadLetter } from './dead-letter.publisher';

/** A dead letter too large for its dead-letter topic, with the size it would have had there. */
export interface OverflowLetter {
  letter: DeadLetter;
  /** Bytes of the dead-letter record (value + key + headers + framing). */
  bytes: number;
  consumerGroup: string;
  /** Why the dead-letter topic could not take it (e.g. the producer's limit, the broker's error). */
  cause: string;
}

/**
 * Keeps dead letters the dead-letter topic cannot take (larger than the broker or producer allows)
 * in the consuming service's `dead_letter_overflow` table: original bytes, key, headers, reason and
 * where they came from. Idempotent per (group, topic, partition, offset), so a redelivered batch
 * stores nothing twice.
 */
export class DeadLetterOverflowStore {
  constructor(private readonly dataSource: DataSource) {}

  async store(letters: OverflowLetter[]): Promise<void> {
    if (letters.length === 0) return;
    await this.dataSource.query(
      `INSERT INTO dead_letter_overflow
         (consumer_group, topic, partition, "offset", message_key, value, headers, reason, detail, bytes)
       SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::bigint[], $5::text[], $6::bytea[],
                            $7::jsonb[], $8::text[], $9::text[], $10::int[])
       ON CONFLICT (consumer_group, topic, partition, "offset") DO NOTHING`,
      [
        letters.map((l) => l.consumerGroup),
        letters.map((l) => l.letter.meta.topic),
        letters.map((l) => l.letter.meta.partition),
        letters.map((l) => l.letter.meta.offset),
        letters.map((l) => l.letter.meta.key),
        letters.map((l) => l.letter.meta.raw),
        letters.map((l) => JSON.stringify(textHeaders(l.letter.meta.headers))),
        letters.map((l) => l.letter.reason),
        letters.map((l) => [l.letter.detail, l.cause].filter(Boolean).join(' — ')),
        letters.map((l) => l.bytes),
      ],
    );
  }
}

function textHeaders(headers: DeadLetter['meta']['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.map(String).join(',') : String(value);
  }
  return out;
}
