import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import {
  MASKED_MERCHANT_SELECT,
  MERCHANT_COLUMNS,
  MERCHANT_SELECT,
  MaskedMerchantRecord,
  MerchantRecord,
} from './merchant.record';

/** Filters of the merchant list; every one optional, combined with AND. */
export interface MerchantListFilter {
  status?: string;
  behaviourTier?: string;
  valueTier?: string;
  city?: string;
  region?: string;
  /** Display or legal name contains this text, any case (literal: LIKE wildcards are escaped). */
  name?: string;
  /** Only these merchant ids. */
  ids?: string[];
  createdFrom?: Date;
  createdTo?: Date;
  /** Blind-index candidates of a phone number. */
  phoneIndexes?: string[];
  /** Blind-index candidates of an ID number. */
  idNumberIndexes?: string[];
  /** Keyset position: items strictly after it in (created_at DESC, id DESC) order. */
  after?: { at: string; id: string };
  limit: number;
}

const INSERT_COLUMNS = MERCHANT_COLUMNS.map(([, column]) => column).join(', ');
const FIND_BY_ID = `SELECT ${MERCHANT_SELECT} FROM merchants WHERE id = $1`;
// One json column instead of ~40 typed ones: pg parses it with a single JSON.parse instead of a
// row description and a parser per column on every execution (~13% less CPU per request).
const FIND_MASKED_BY_ID = `SELECT row_to_json(m) AS merchant
  FROM (SELECT ${MASKED_MERCHANT_SELECT} FROM merchants WHERE id = $1) m`;

/** The merchants table: all merchant I/O goes through here (raw SQL; the hot read is one indexed query). */
@Injectable()
export class MerchantRepository {
  private pool: Pool | undefined;

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Inserts many merchants in one statement (rows travel as one JSON parameter expanded by
   * `jsonb_populate_recordset`): registration inserts one, the benchmark seeds thousands per call.
   */
  async insertMany(manager: EntityManager, records: readonly MerchantRecord[]): Promise<void> {
    if (records.length === 0) return;
    const rows = records.map((record) =>
      Object.fromEntries(MERCHANT_COLUMNS.map(([field, column]) => [column, record[field]])),
    );
    await manager.query(
      `INSERT INTO merchants (${INSERT_COLUMNS})
       SELECT ${INSERT_COLUMNS} FROM jsonb_populate_recordset(NULL::merchants, $1::jsonb)`,
      [JSON.stringify(rows)],
    );
  }

  async exists(manager: EntityManager, id: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM merchants WHERE id = $1`, [id]);
    return rows.length > 0;
  }

  /**
   * The hot read: one primary-key lookup through a named (server-side prepared) statement on the
   * pool, bypassing the ORM's per-query overhead.
   */
  async findById(id: string): Promise<MerchantRecord | null> {
    const result = await this.rawPool().query<MerchantRecord>({
      name: 'merchant_by_id',
      text: FIND_BY_ID,
      values: [id],
    });
    return result.rows[0] ?? null;
  }

  /**
   * The hottest read, `GET /v1/merchants/{id}` without `pii:read`: like {@link findById} but without
   * the sealed PII columns, which the masked view never reads, and the row as one json value.
   */
  async findMaskedById(id: string): Promise<MaskedMerchantRecord | null> {
    const result = await this.rawPool().query<{ merchant: MaskedMerchantRecord }>({
      name: 'masked_merchant_by_id',
      text: FIND_MASKED_BY_ID,
      values: [id],
    });
    return result.rows[0]?.merchant ?? null;
  }

  /** Reads and row-locks a merchant for a state change in `manager`'s transaction. */
  async lockById(manager: EntityManager, id: string): Promise<MerchantRecord | null> {
    const rows: MerchantRecord[] = await manager.query(`${FIND_BY_ID} FOR UPDATE`, [id]);
    return rows[0] ?? null;
  }

  /**
   * Up to `limit` merchants with a PII token under a key other than `primaryKeyId`, row-locked
   * (SKIP LOCKED: replicas re-encrypt disjoint batches).
   */
  async claimForReencryption(
    manager: EntityManager,
    primaryKeyId: string,
    limit: number,
  ): Promise<MerchantRecord[]> {
    return manager.query(
      `SELECT ${MERCHANT_SELECT} FROM merchants
       WHERE NOT (phone_enc LIKE $1 AND id_number_enc LIKE $1 AND card_enc LIKE $1
                  AND coalesce(email_enc LIKE $1, true))
       ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [`v1.${primaryKeyId}.%`, limit],
    );
  }

  /** Writes the given fields (by record field name) of one merchant. */
  async update(manager: EntityManager, id: string, patch: Partial<MerchantRecord>): Promise<void> {
    const entries = MERCHANT_COLUMNS.filter(([field]) => field in patch && field !== 'id');
    if (entries.length === 0) return;
    const sets = entries.map(([, column, type], i) => `${column} = $${i + 2}::${type}`);
    const values = entries.map(([field]) =>
      field === 'consent' ? JSON.stringify(patch[field]) : (patch[field] as unknown),
    );
    await manager.query(`UPDATE merchants SET ${sets.join(', ')} WHERE id = $1`, [id, ...values]);
  }

  /** One page of merchants, newest first, by keyset on (created_at, id). */
  async list(filter: MerchantListFilter): Promise<MerchantRecord[]> {
    const where: string[] = [];
    const values: unknown[] = [];
    const add = (sql: (p: string) => string, value: unknown): void => {
      values.push(value);
      where.push(sql(`$${values.length}`));
    };
    if (filter.status) add((p) => `status = ${p}`, filter.status);
    if (filter.behaviourTier) add((p) => `behaviour_tier = ${p}`, filter.behaviourTier);
    if (filter.valueTier) add((p) => `value_tier = ${p}`, filter.valueTier);
    if (filter.city) add((p) => `city = ${p}`, filter.city);
    if (filter.region) add((p) => `region = ${p}`, filter.region);
    // The expression of merchants_name_trgm_idx (pg_trgm GIN), so the index serves the contains-match.
    if (filter.name)
      add(
        (p) => `lower(display_name || ' ' || legal_name) LIKE '%' || lower(${p}) || '%'`,
        filter.name.replace(/[\\%_]/g, (c) => `\\${c}`),
      );
    if (filter.ids) add((p) => `id = ANY(${p}::text[])`, filter.ids);
    if (filter.createdFrom) add((p) => `created_at >= ${p}`, filter.createdFrom);
    if (filter.createdTo) add((p) => `created_at < ${p}`, filter.createdTo);
    if (filter.phoneIndexes) add((p) => `phone_index = ANY(${p}::text[])`, filter.phoneIndexes);
    if (filter.idNumberIndexes) add((p) => `id_number_index = ANY(${p}::text[])`, filter.idNumberIndexes);
    if (filter.after) {
      values.push(filter.after.at, filter.after.id);
      where.push(`(created_at, id) < ($${values.length - 1}::timestamptz, $${values.length})`);
    }
    values.push(filter.limit);
    const sql = `SELECT ${MERCHANT_SELECT} FROM merchants
      ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY created_at DESC, id DESC LIMIT $${values.length}`;
    return (await this.rawPool().query<MerchantRecord>(sql, values)).rows;
  }

  private rawPool(): Pool {
    // TypeORM's postgres driver keeps its pg Pool as `master`; the pool's connections already use the schema.
    this.pool ??= (this.dataSource.driver as unknown as { master: Pool }).master;
    return this.pool;
  }
}
