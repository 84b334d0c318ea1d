import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Loyalty points: accrual rules with effective dates, the day snapshots accrual was computed from,
 * and a double-entry, append-only ledger (journals of postings that sum to zero; no UPDATE or DELETE).
 * A merchant's balance is the sum of its account's postings — there is no balance column.
 */
export class LoyaltyLedger1797700000000 implements MigrationInterface {
  name = 'LoyaltyLedger1797700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE loyalty_rules (
         rule_id text NOT NULL,
         version integer NOT NULL CHECK (version > 0),
         basis text NOT NULL CHECK (basis IN ('card_volume', 'qr_volume', 'trading_day')),
         points integer NOT NULL CHECK (points >= 0),
         per_minor bigint CHECK (per_minor IS NULL OR per_minor > 0),
         effective_from date NOT NULL,
         description text NOT NULL,
         created_by text NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (rule_id, version),
         UNIQUE (rule_id, effective_from),
         CHECK ((basis = 'trading_day') = (per_minor IS NULL))
       )`,
      // Defaults (docs/design.md): 1 point per 100 CNY of card volume, +2 bonus per 100 CNY on QR,
      // 1 point per active trading day.
      `INSERT INTO loyalty_rules (rule_id, version, basis, points, per_minor, effective_from, description, created_by)
       VALUES ('card-volume', 1, 'card_volume', 1, 10000, '2020-01-01', '1 point per 100 CNY of net card volume', 'migration'),
              ('qr-volume', 1, 'qr_volume', 3, 10000, '2020-01-01', '1 point + 2 bonus per 100 CNY of net QR volume', 'migration'),
              ('trading-day', 1, 'trading_day', 1, NULL, '2020-01-01', '1 point per day with an approved purchase', 'migration')`,
      `CREATE TABLE loyalty_day_snapshots (
         merchant_id text NOT NULL,
         activity_date date NOT NULL,
         as_of timestamptz NOT NULL,
         approved_count integer NOT NULL,
         card_net_minor bigint NOT NULL,
         qr_net_minor bigint NOT NULL,
         PRIMARY KEY (merchant_id, activity_date)
       )`,
      `CREATE TABLE loyalty_accounts (
         merchant_id text PRIMARY KEY,
         first_accrual_date date,
         created_at timestamptz NOT NULL DEFAULT now()
       )`,
      `CREATE TABLE loyalty_journals (
         journal_id uuid PRIMARY KEY,
         merchant_id text NOT NULL,
         kind text NOT NULL CHECK (kind IN ('accrual', 'redemption', 'redemption_reversal', 'expiry', 'adjustment', 'referral')),
         idempotency_key text NOT NULL UNIQUE,
         activity_date date,
         rule_id text,
         rule_version integer,
         expires_on date,
         reason text,
         actor text NOT NULL,
         reference text,
         posted_at timestamptz NOT NULL
       )`,
      `CREATE INDEX loyalty_journals_merchant ON loyalty_journals (merchant_id, posted_at DESC, journal_id DESC)`,
      `CREATE INDEX loyalty_journals_accrual_key ON loyalty_journals (merchant_id, activity_date, rule_id, rule_version)
         WHERE kind = 'accrual'`,
      `CREATE TABLE loyalty_postings (
         journal_id uuid NOT NULL REFERENCES loyalty_journals (journal_id),
         account text NOT NULL,
         amount bigint NOT NULL CHECK (amount <> 0),
         PRIMARY KEY (journal_id, account)
       )`,
      `CREATE INDEX loyalty_postings_account ON loyalty_postings (account)`,
      // Append-only: no posting or journal is ever changed or removed; corrections are new journals.
      `CREATE FUNCTION loyalty_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'loyalty ledger is append-only (% on %)', TG_OP, TG_TABLE_NAME; END $$`,
      `CREATE TRIGGER loyalty_journals_append_only BEFORE UPDATE OR DELETE ON loyalty_journals
         FOR EACH ROW EXECUTE FUNCTION loyalty_append_only()`,
      `CREATE TRIGGER loyalty_postings_append_only BEFORE UPDATE OR DELETE ON loyalty_postings
         FOR EACH ROW EXECUTE FUNCTION loyalty_append_only()`,
      // Double entry: every journal's postings sum to zero, checked at commit.
      `CREATE FUNCTION loyalty_journal_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF (SELECT coalesce(sum(amount), 0) FROM loyalty_postings WHERE journal_id = NEW.journal_id) <> 0
            OR (SELECT count(*) FROM loyalty_postings WHERE journal_id = NEW.journal_id) < 2 THEN
           RAISE EXCEPTION 'loyalty journal % does not balance', NEW.journal_id;
         END IF;
         RETURN NULL;
       END $$`,
      `CREATE CONSTRAINT TRIGGER loyalty_postings_balanced AFTER INSERT ON loyalty_postings
         DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION loyalty_journal_balanced()`,
      `CREATE TABLE loyalty_redemptions (
         redemption_id uuid PRIMARY KEY,
         merchant_id text NOT NULL,
         request_key text NOT NULL,
         catalogue_item text NOT NULL,
         points bigint NOT NULL CHECK (points > 0),
         state text NOT NULL CHECK (state IN ('pending', 'completed', 'refused', 'compensated')),
         external_reference text,
         failure_reason text,
         requested_by text NOT NULL,
         requested_at timestamptz NOT NULL,
         settled_at timestamptz,
         UNIQUE (merchant_id, request_key)
       )`,
    ];
    for (const sql of statements) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const t of [
      'loyalty_redemptions',
      'loyalty_postings',
      'loyalty_journals',
      'loyalty_accounts',
      'loyalty_day_snapshots',
      'loyalty_rules',
    ])
      await queryRunner.query(`DROP TABLE IF EXISTS ${t}`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS loyalty_journal_balanced()`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS loyalty_append_only()`);
  }
}
