import { Inject, Injectable } from '@nestjs/common';
import { toStorableText } from '@merchant-pulse/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  DeadLetterRecord,
  DeadLetterStatus,
  NewDeadLetter,
  RedriveClaim,
  RedriveOutcome,
} from './dead-letter.model';
import { PREVIEW_LENGTH } from './dead-letter.view';

/** Filters of the dead-letter browser. */
export interface DeadLetterFilter {
  reason?: string;
  acquirerId?: string;
  status?: DeadLetterStatus;
  businessDate?: string;
  from?: Date;
  to?: Date;
}

/** Keyset position: the last item of the previous page (newest first). */
export interface DeadLetterPosition {
  firstSeenAt: string;
  id: string;
}

/** The columns of a record (all but `value`), optionally qualified by a table alias. */
function columns(t = ''): string {
  return `${t}id, ${t}reason, ${t}detail, ${t}source_topic, ${t}source_partition,
    ${t}source_offset::text AS source_offset, ${t}message_key, ${t}headers, ${t}consumer_group, ${t}acquirer_id,
    to_char(${t}business_date, 'YYYY-MM-DD') AS business_date, ${t}ledger_shard, ${t}amount_minor,
    ${t}merchant_id, ${t}transaction_id, ${t}first_seen_at, ${t}redrive_of, ${t}status, ${t}redrive_attempt,
    ${t}redrive_requested_at, ${t}redrive_requested_by, ${t}redrive_api_key_id, ${t}redrive_outcome,
    ${t}redriven_at, octet_length(${t}value) AS size_bytes`;
}

/** `dead_letters`: ingestion's queryable copy of what it dead-letters, and the re-drive state. */
@Injectable()
export class DeadLetterRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /**
   * Stores letters in the caller's transaction (the one that counts them as rejected). Idempotent per
   * source position, so a re-delivered chunk stores nothing twice. Text a hostile producer controls
   * (key, header names and values, detail) is made storable — NUL and lone surrogates become U+FFFD —
   * so storing a dead letter never fails the chunk; the value is kept byte for byte.
   */
  async record(manager: EntityManager, letters: readonly NewDeadLetter[], seenAt: Date): Promise<void> {
    if (letters.length === 0) return;
    await manager.query(
      `INSERT INTO dead_letters (id, reason, detail, source_topic, source_partition, source_offset, message_key,
         value, headers, consumer_group, acquirer_id, business_date, ledger_shard, amount_minor, merchant_id,
         transaction_id, redrive_of, first_seen_at)
       SELECT u.*, $18::timestamptz FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::int[],
         $6::bigint[], $7::text[], $8::bytea[], $9::jsonb[], $10::text[], $11::text[], $12::date[], $13::int[],
         $14::bigint[], $15::text[], $16::text[], $17::uuid[]) AS u
       ON CONFLICT (source_topic, source_partition, source_offset) DO NOTHING`,
      [
        letters.map(() => uuidv7()),
        letters.map((l) => l.reason),
        letters.map((l) => toStorableText(l.detail)),
        letters.map((l) => l.topic),
        letters.map((l) => l.partition),
        letters.map((l) => l.offset),
        letters.map((l) => (l.key === null ? null : toStorableText(l.key))),
        letters.map((l) => l.value),
        letters.map((l) => JSON.stringify(storableHeaders(l.headers))),
        letters.map((l) => l.consumerGroup),
        letters.map((l) => l.acquirerId),
        letters.map((l) => l.businessDate),
        letters.map((l) => l.shard),
        letters.map((l) => l.amountMinor),
        letters.map((l) => l.merchantId),
        letters.map((l) => l.transactionId),
        letters.map((l) => l.redriveOf),
        seenAt,
      ],
    );
  }

  /** A page of dead letters, newest first; values cut to what a preview needs. */
  async list(
    filter: DeadLetterFilter,
    limit: number,
    after?: DeadLetterPosition,
  ): Promise<DeadLetterRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.reason) add('reason = ?', filter.reason);
    if (filter.acquirerId) add('acquirer_id = ?', filter.acquirerId);
    if (filter.status) add('status = ?', filter.status);
    if (filter.businessDate) add('business_date = ?::date', filter.businessDate);
    if (filter.from) add('first_seen_at >= ?', filter.from);
    if (filter.to) add('first_seen_at < ?', filter.to);
    if (after) {
      params.push(after.firstSeenAt, after.id);
      where.push(`(first_seen_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(limit);
    const rows: DeadLetterRow[] = await this.dataSource.query(
      `SELECT ${columns()}, substring(value FROM 1 FOR ${PREVIEW_LENGTH * 4}) AS value
         FROM dead_letters ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY first_seen_at DESC, id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map(toRecord);
  }

  /** One dead letter with its whole original value. */
  async get(id: string): Promise<DeadLetterRecord | null> {
    const rows: DeadLetterRow[] = await this.dataSource.query(
      `SELECT ${columns()}, value FROM dead_letters WHERE id = $1`,
      [id],
    );
    return rows.length ? toRecord(rows[0]) : null;
  }

  /**
   * Locks the letters (in id order), with the attempt a re-drive of each would be: 1, or one more than
   * the re-drive that produced it.
   */
  async lockForRedrive(
    manager: EntityManager,
    ids: readonly string[],
  ): Promise<Array<DeadLetterRecord & { nextAttempt: number }>> {
    const rows: Array<DeadLetterRow & { next_attempt: number }> = await manager.query(
      `SELECT ${columns('d.')}, d.value,
              COALESCE(p.redrive_attempt, 0) + 1 AS next_attempt
         FROM dead_letters d LEFT JOIN dead_letters p ON p.id = d.redrive_of
        WHERE d.id = ANY($1::uuid[]) ORDER BY d.id FOR UPDATE OF d`,
      [[...ids].sort()],
    );
    return rows.map((r) => ({ ...toRecord(r), nextAttempt: Number(r.next_attempt) }));
  }

  /** Marks letters as re-drive requested, with who asked. */
  async markRequested(
    manager: EntityManager,
    requests: ReadonlyArray<{ id: string; attempt: number }>,
    audit: { actor: string; apiKeyId: string | null; at: Date },
  ): Promise<void> {
    if (requests.length === 0) return;
    await manager.query(
      `UPDATE dead_letters d SET status = 'redrive_requested', redrive_attempt = u.attempt,
         redrive_requested_at = $3, redrive_requested_by = $4, redrive_api_key_id = $5
         FROM unnest($1::uuid[], $2::int[]) AS u(id, attempt)
        WHERE d.id = u.id AND d.status = 'dead'`,
      [requests.map((r) => r.id), requests.map((r) => r.attempt), audit.at, audit.actor, audit.apiKeyId],
    );
  }

  /**
   * Locks the dead letters named by consumed re-drive messages and returns their state: the ledger key
   * to move the count from (while `redrive_requested`) or proof the re-drive was already settled.
   */
  async claim(
    manager: EntityManager,
    ids: readonly string[],
  ): Promise<Map<string, RedriveClaim & { status: DeadLetterStatus; valueSha256: string }>> {
    if (ids.length === 0) return new Map();
    const rows: Array<Record<string, string | number>> = await manager.query(
      `SELECT id, reason, acquirer_id, to_char(business_date, 'YYYY-MM-DD') AS business_date, ledger_shard,
              amount_minor, redrive_attempt, status, encode(sha256(value), 'hex') AS value_sha256
         FROM dead_letters WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
      [[...new Set(ids)].sort()],
    );
    return new Map(
      rows.map((r) => [
        String(r.id),
        {
          id: String(r.id),
          reason: String(r.reason),
          acquirerId: String(r.acquirer_id),
          businessDate: String(r.business_date),
          shard: Number(r.ledger_shard),
          amountMinor: Number(r.amount_minor),
          attempt: Number(r.redrive_attempt),
          status: r.status as DeadLetterStatus,
          valueSha256: String(r.value_sha256),
        },
      ]),
    );
  }

  /**
   * Deletes up to `limit` letters first seen before `cutoff` (retention), except those whose re-drive
   * is still on its way; returns how many.
   */
  async pruneBefore(manager: EntityManager, cutoff: Date, limit = 10_000): Promise<number> {
    const rows: unknown[] = await manager.query(
      `DELETE FROM dead_letters WHERE id IN (
         SELECT id FROM dead_letters WHERE first_seen_at < $1 AND status <> 'redrive_requested' LIMIT $2)
       RETURNING 1`,
      [cutoff, limit],
    );
    return rows.length;
  }

  /** Settles consumed re-drives with where the message ended. */
  async complete(
    manager: EntityManager,
    settled: ReadonlyArray<{ id: string; outcome: RedriveOutcome }>,
    at: Date,
  ): Promise<void> {
    if (settled.length === 0) return;
    await manager.query(
      `UPDATE dead_letters d SET status = 'redriven', redrive_outcome = u.outcome, redriven_at = $3
         FROM unnest($1::uuid[], $2::text[]) AS u(id, outcome) WHERE d.id = u.id`,
      [settled.map((s) => s.id), settled.map((s) => s.outcome), at],
    );
  }
}

type DeadLetterRow = Record<string, unknown> & { value: Buffer };

function storableHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [toStorableText(name), toStorableText(value)]),
  );
}

function toRecord(r: DeadLetterRow): DeadLetterRecord {
  const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));
  return {
    id: String(r.id),
    reason: String(r.reason),
    detail: String(r.detail),
    topic: String(r.source_topic),
    partition: Number(r.source_partition),
    offset: String(r.source_offset),
    key: (r.message_key as string | null) ?? null,
    value: r.value,
    sizeBytes: Number(r.size_bytes),
    headers: (r.headers as Record<string, string>) ?? {},
    consumerGroup: String(r.consumer_group),
    acquirerId: String(r.acquirer_id),
    businessDate: String(r.business_date),
    shard: Number(r.ledger_shard),
    amountMinor: Number(r.amount_minor),
    merchantId: (r.merchant_id as string | null) ?? null,
    transactionId: (r.transaction_id as string | null) ?? null,
    redriveOf: (r.redrive_of as string | null) ?? null,
    firstSeenAt: new Date(r.first_seen_at as string),
    status: r.status as DeadLetterStatus,
    redriveAttempt: Number(r.redrive_attempt),
    redriveRequestedAt: date(r.redrive_requested_at),
    redriveRequestedBy: (r.redrive_requested_by as string | null) ?? null,
    redriveApiKeyId: (r.redrive_api_key_id as string | null) ?? null,
    redriveOutcome: (r.redrive_outcome as RedriveOutcome | null) ?? null,
    redrivenAt: date(r.redriven_at),
  };
}
