import { Injectable } from '@nestjs/common';
import { toSafeInteger } from '@merchant-pulse/database';
import { v7 as uuidv7 } from 'uuid';
import { DataSource, EntityManager } from 'typeorm';
import { COUNTER_ACCOUNT, JournalDraft, JournalKind, merchantAccount } from './ledger.accounts';

type Row = Record<string, string | number | null>;
type Db = Pick<EntityManager, 'query'>;

/** One line of a merchant's statement (the merchant side of a journal). */
export interface StatementLine {
  journalId: string;
  kind: JournalKind;
  points: number;
  postedAt: string;
  activityDate: string | null;
  rule: string | null;
  expiresOn: string | null;
  reason: string | null;
  actor: string;
  reference: string | null;
}

/** Points posted so far per (merchant, day, rule version) by accrual. */
export interface PostedAccrual {
  merchantId: string;
  date: string;
  ruleId: string;
  ruleVersion: number;
  points: number;
}

/**
 * The double-entry points ledger: journals of two postings that sum to zero, inserted only (the
 * tables refuse UPDATE and DELETE). Balances are sums of postings. Writers serialise per merchant by
 * locking the merchant's account row first ({@link lockAccount}).
 */
@Injectable()
export class LedgerRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Creates the merchant's account row if needed and locks it for the transaction. */
  async lockAccount(manager: EntityManager, merchantId: string): Promise<void> {
    await manager.query(`INSERT INTO loyalty_accounts (merchant_id) VALUES ($1) ON CONFLICT DO NOTHING`, [
      merchantId,
    ]);
    await manager.query(`SELECT 1 FROM loyalty_accounts WHERE merchant_id = $1 FOR UPDATE`, [merchantId]);
  }

  /** Locks several accounts in id order (no deadlock between two writers of the same merchants). */
  async lockAccounts(manager: EntityManager, merchantIds: readonly string[]): Promise<void> {
    const ids = [...new Set(merchantIds)].sort();
    if (ids.length === 0) return;
    await manager.query(
      `INSERT INTO loyalty_accounts (merchant_id) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`,
      [ids],
    );
    await manager.query(
      `SELECT 1 FROM loyalty_accounts WHERE merchant_id = ANY($1::text[]) ORDER BY merchant_id FOR UPDATE`,
      [ids],
    );
  }

  /**
   * Posts journals (zero-points drafts are skipped). A draft whose idempotency key was already posted
   * posts nothing. Returns the drafts actually posted.
   */
  async post(manager: EntityManager, drafts: readonly JournalDraft[], now: Date): Promise<JournalDraft[]> {
    const valid = drafts.filter((d) => d.points !== 0 && Number.isSafeInteger(d.points));
    if (valid.length === 0) return [];
    const ids = valid.map(() => uuidv7());
    // Two statements per batch: journals (a key already posted is skipped), then their two postings each.
    const inserted: Row[] = await manager.query(
      `INSERT INTO loyalty_journals (journal_id, merchant_id, kind, idempotency_key, activity_date, rule_id,
         rule_version, expires_on, reason, actor, reference, posted_at)
       SELECT *, $12::timestamptz FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::date[], $6::text[],
         $7::int[], $8::date[], $9::text[], $10::text[], $11::text[])
       ON CONFLICT (idempotency_key) DO NOTHING RETURNING journal_id`,
      [
        ids,
        valid.map((d) => d.merchantId),
        valid.map((d) => d.kind),
        valid.map((d) => d.idempotencyKey),
        valid.map((d) => d.activityDate ?? null),
        valid.map((d) => d.ruleId ?? null),
        valid.map((d) => d.ruleVersion ?? null),
        valid.map((d) => (d.points > 0 ? (d.expiresOn ?? null) : null)),
        valid.map((d) => d.reason ?? null),
        valid.map((d) => d.actor),
        valid.map((d) => d.reference ?? null),
        now,
      ],
    );
    const done = new Set(inserted.map((r) => String(r.journal_id)));
    const posted = valid.map((d, i) => ({ d, id: ids[i] })).filter(({ id }) => done.has(id));
    if (posted.length === 0) return [];
    await manager.query(
      `INSERT INTO loyalty_postings (journal_id, account, amount)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::bigint[])`,
      [
        posted.flatMap(({ id }) => [id, id]),
        posted.flatMap(({ d }) => [merchantAccount(d.merchantId), COUNTER_ACCOUNT[d.kind]]),
        posted.flatMap(({ d }) => [d.points, -d.points]),
      ],
    );
    return posted.map(({ d }) => d);
  }

  /** The merchant's balance: the sum of its account's postings. */
  async balance(merchantId: string, db: Db = this.dataSource): Promise<number> {
    const [row]: Row[] = await db.query(
      `SELECT coalesce(sum(amount), 0) AS balance FROM loyalty_postings WHERE account = $1`,
      [merchantAccount(merchantId)],
    );
    return toSafeInteger(row.balance);
  }

  /** Points earned, redeemed (net of compensation), expired and adjusted, for the balance view. */
  async totalsByKind(merchantId: string): Promise<Record<string, number>> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT j.kind, sum(p.amount) AS points FROM loyalty_journals j
         JOIN loyalty_postings p ON p.journal_id = j.journal_id AND p.account = $2
        WHERE j.merchant_id = $1 GROUP BY j.kind`,
      [merchantId, merchantAccount(merchantId)],
    );
    return Object.fromEntries(rows.map((r) => [String(r.kind), toSafeInteger(r.points)]));
  }

  /** Statement lines, newest first, keyset-paginated on (posted_at, journal_id). */
  async statement(
    merchantId: string,
    limit: number,
    before: { postedAt: string; journalId: string } | null,
  ): Promise<StatementLine[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT j.journal_id, j.kind, p.amount, j.posted_at, to_char(j.activity_date, 'YYYY-MM-DD') AS activity_date,
              j.rule_id, j.rule_version, to_char(j.expires_on, 'YYYY-MM-DD') AS expires_on, j.reason, j.actor, j.reference
         FROM loyalty_journals j JOIN loyalty_postings p ON p.journal_id = j.journal_id AND p.account = $2
        WHERE j.merchant_id = $1 AND ($3::timestamptz IS NULL OR (j.posted_at, j.journal_id) < ($3::timestamptz, $4::uuid))
        ORDER BY j.posted_at DESC, j.journal_id DESC LIMIT $5`,
      [merchantId, merchantAccount(merchantId), before?.postedAt ?? null, before?.journalId ?? null, limit],
    );
    return rows.map((r) => ({
      journalId: String(r.journal_id),
      kind: r.kind as JournalKind,
      points: toSafeInteger(r.amount),
      postedAt: new Date(r.posted_at as string).toISOString(),
      activityDate: (r.activity_date as string | null) ?? null,
      rule: r.rule_id ? `${String(r.rule_id)}@${String(r.rule_version)}` : null,
      expiresOn: (r.expires_on as string | null) ?? null,
      reason: (r.reason as string | null) ?? null,
      actor: String(r.actor),
      reference: (r.reference as string | null) ?? null,
    }));
  }

  /** Accrual points posted so far for the given merchant-days, per rule version. */
  async postedAccruals(
    manager: EntityManager,
    days: ReadonlyArray<{ merchantId: string; date: string }>,
  ): Promise<PostedAccrual[]> {
    if (days.length === 0) return [];
    const rows: Row[] = await manager.query(
      `SELECT j.merchant_id, to_char(j.activity_date, 'YYYY-MM-DD') AS date, j.rule_id, j.rule_version,
              sum(p.amount) AS points
         FROM loyalty_journals j
         JOIN loyalty_postings p ON p.journal_id = j.journal_id AND p.account = 'merchant:' || j.merchant_id
         JOIN unnest($1::text[], $2::date[]) AS d(merchant_id, activity_date)
           ON d.merchant_id = j.merchant_id AND d.activity_date = j.activity_date
        WHERE j.kind = 'accrual'
        GROUP BY j.merchant_id, j.activity_date, j.rule_id, j.rule_version`,
      [days.map((d) => d.merchantId), days.map((d) => d.date)],
    );
    return rows.map((r) => ({
      merchantId: String(r.merchant_id),
      date: String(r.date),
      ruleId: String(r.rule_id),
      ruleVersion: Number(r.rule_version),
      points: toSafeInteger(r.points),
    }));
  }

  /**
   * Per merchant with credits expiring on or before `date`: those credits and every debit so far
   * (FIFO inputs). Merchants whose expiring lots are all consumed come back too; callers compute zero.
   */
  async expiryInputs(
    date: string,
    db: Db = this.dataSource,
    merchantId: string | null = null,
  ): Promise<Array<{ merchantId: string; expiring: number; debits: number }>> {
    const rows: Row[] = await db.query(
      `SELECT j.merchant_id,
              coalesce(sum(p.amount) FILTER (WHERE p.amount > 0 AND j.expires_on <= $1::date), 0) AS expiring,
              coalesce(-sum(p.amount) FILTER (WHERE p.amount < 0), 0) AS debits
         FROM loyalty_journals j
         JOIN loyalty_postings p ON p.journal_id = j.journal_id AND p.account = 'merchant:' || j.merchant_id
        WHERE j.merchant_id IN (SELECT merchant_id FROM loyalty_journals WHERE expires_on <= $1::date)
          AND ($2::text IS NULL OR j.merchant_id = $2)
        GROUP BY j.merchant_id`,
      [date, merchantId],
    );
    return rows.map((r) => ({
      merchantId: String(r.merchant_id),
      expiring: toSafeInteger(r.expiring),
      debits: toSafeInteger(r.debits),
    }));
  }

  /** Programme-wide totals (points issued, redeemed, expired, adjusted; merchant balances outstanding). */
  async programmeTotals(): Promise<Record<string, number>> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT account, sum(amount) AS amount FROM loyalty_postings WHERE account LIKE 'programme:%' GROUP BY account`,
    );
    return Object.fromEntries(rows.map((r) => [String(r.account), -toSafeInteger(r.amount)]));
  }
}
