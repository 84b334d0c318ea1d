import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The registry's tables. PII columns come in threes: `<x>_enc` (AES-256-GCM token with its key id),
 * `<x>_index` (keyed blind index for lookups) and `<x>_masked` (display mask computed at write time, so
 * reads never decrypt unless the caller holds `pii:read`). No column ever holds a plaintext phone,
 * email, ID number or card number.
 */
export class CreateRegistryTables1763900000001 implements MigrationInterface {
  name = 'CreateRegistryTables1763900000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE merchants (
      id                  text PRIMARY KEY,
      kind                text NOT NULL,
      business_type       text,
      legal_name          text NOT NULL,
      display_name        text NOT NULL,
      category            text NOT NULL,
      mcc                 text NOT NULL,
      city                text NOT NULL,
      region              text NOT NULL,
      timezone            text NOT NULL,
      status              text NOT NULL,
      contact_name        text NOT NULL,
      preferred_channel   text NOT NULL,
      quiet_hours_start   text NOT NULL,
      quiet_hours_end     text NOT NULL,
      phone_enc           text NOT NULL,
      phone_index         text NOT NULL,
      phone_masked        text NOT NULL,
      email_enc           text,
      email_index         text,
      email_masked        text,
      id_number_enc       text NOT NULL,
      id_number_index     text NOT NULL,
      id_number_masked    text NOT NULL,
      credit_code         text,
      card_enc            text NOT NULL,
      card_masked         text NOT NULL,
      bank_name           text,
      terminal_address    text,
      currently_due       text[] NOT NULL DEFAULT '{}',
      review_reason_codes text[] NOT NULL DEFAULT '{}',
      consent             jsonb NOT NULL DEFAULT '{}'::jsonb,
      behaviour_tier      text,
      value_tier          text,
      risk_score          integer,
      risk_as_of          timestamptz,
      created_at          timestamptz NOT NULL,
      updated_at          timestamptz NOT NULL
    )`);
    await q.query(`CREATE INDEX merchants_created_idx ON merchants (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX merchants_status_idx ON merchants (status, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX merchants_tier_idx ON merchants (behaviour_tier, created_at DESC, id DESC)`);
    await q.query(
      `CREATE INDEX merchants_value_tier_idx ON merchants (value_tier, created_at DESC, id DESC)`,
    );
    await q.query(`CREATE INDEX merchants_city_idx ON merchants (city, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX merchants_region_idx ON merchants (region, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX merchants_phone_index_idx ON merchants (phone_index)`);
    await q.query(`CREATE INDEX merchants_id_number_index_idx ON merchants (id_number_index)`);

    await q.query(`CREATE TABLE merchant_documents (
      merchant_id  text NOT NULL REFERENCES merchants (id),
      type         text NOT NULL,
      sha256       text NOT NULL,
      size_bytes   bigint NOT NULL,
      media_type   text NOT NULL,
      storage_key  text NOT NULL,
      uploaded_at  timestamptz NOT NULL,
      PRIMARY KEY (merchant_id, type)
    )`);

    await q.query(`CREATE TABLE consent_ledger (
      id          bigserial PRIMARY KEY,
      merchant_id text NOT NULL REFERENCES merchants (id),
      channel     text NOT NULL,
      purpose     text NOT NULL,
      granted     boolean NOT NULL,
      source      text NOT NULL,
      actor       text NOT NULL,
      recorded_at timestamptz NOT NULL
    )`);
    await q.query(`CREATE INDEX consent_ledger_merchant_idx ON consent_ledger (merchant_id, id)`);

    await this.createTerminalTables(q);
    await this.createFeePlanTables(q);

    await q.query(`CREATE TABLE merchant_timeline (
      event_id    text PRIMARY KEY,
      merchant_id text NOT NULL,
      occurred_at timestamptz NOT NULL,
      source      text NOT NULL,
      type        text NOT NULL,
      payload     jsonb NOT NULL
    )`);
    await q.query(
      `CREATE INDEX merchant_timeline_idx ON merchant_timeline (merchant_id, occurred_at DESC, event_id DESC)`,
    );
  }

  private async createTerminalTables(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE terminals (
      id               text PRIMARY KEY,
      serial_number    text NOT NULL UNIQUE,
      model            text NOT NULL,
      firmware_version text NOT NULL,
      status           text NOT NULL,
      merchant_id      text REFERENCES merchants (id),
      address          text,
      created_at       timestamptz NOT NULL,
      updated_at       timestamptz NOT NULL
    )`);
    await q.query(`CREATE INDEX terminals_merchant_idx ON terminals (merchant_id)`);
    // Kept forever: every status change of every terminal (no deletes, no updates).
    await q.query(`CREATE TABLE terminal_history (
      id          bigserial PRIMARY KEY,
      terminal_id text NOT NULL REFERENCES terminals (id),
      from_status text,
      to_status   text NOT NULL,
      merchant_id text,
      address     text,
      reason      text,
      changed_at  timestamptz NOT NULL
    )`);
    await q.query(`CREATE INDEX terminal_history_terminal_idx ON terminal_history (terminal_id, id)`);
  }

  private async createFeePlanTables(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE fee_plans (
      id         text PRIMARY KEY,
      name       text NOT NULL,
      terms      jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    // The acquirer's published standard (DESIGN.md): credit 60, debit 50 capped at 2500 fen, QR 38, UnionPay QR 60.
    await q.query(`INSERT INTO fee_plans (id, name, terms) VALUES ('standard', 'Standard', $1::jsonb)`, [
      JSON.stringify({
        rates: { credit: 60, debit: 50, qr_alipay: 38, qr_wechat: 38, unionpay_qr: 60 },
        debitCapMinor: 2500,
      }),
    ]);
    // One row per version of a merchant's plan; `scheduled` rows take effect when the clock reaches them.
    await q.query(`CREATE TABLE merchant_fee_plans (
      merchant_id    text NOT NULL REFERENCES merchants (id),
      plan_version   integer NOT NULL,
      fee_plan_id    text NOT NULL,
      terms          jsonb NOT NULL,
      previous_terms jsonb,
      effective_from timestamptz NOT NULL,
      announced_at   timestamptz,
      compensation   jsonb,
      promotion_id   text,
      state          text NOT NULL,
      applied_at     timestamptz,
      created_at     timestamptz NOT NULL,
      PRIMARY KEY (merchant_id, plan_version)
    )`);
    await q.query(
      `CREATE INDEX merchant_fee_plans_due_idx ON merchant_fee_plans (effective_from) WHERE state = 'scheduled'`,
    );
    await q.query(`CREATE TABLE fee_promotions (
      id          text PRIMARY KEY,
      merchant_id text NOT NULL REFERENCES merchants (id),
      bps_off     integer NOT NULL,
      starts_at   timestamptz NOT NULL,
      ends_at     timestamptz NOT NULL,
      state       text NOT NULL,
      granted_by  text NOT NULL,
      reason      text,
      created_at  timestamptz NOT NULL,
      ended_at    timestamptz
    )`);
    await q.query(`CREATE INDEX fee_promotions_due_idx ON fee_promotions (ends_at) WHERE state = 'active'`);
    await q.query(`CREATE TABLE fee_plan_audit (
      id          bigserial PRIMARY KEY,
      merchant_id text NOT NULL,
      action      text NOT NULL,
      detail      jsonb NOT NULL,
      actor       text NOT NULL,
      at          timestamptz NOT NULL
    )`);
    await q.query(`CREATE INDEX fee_plan_audit_merchant_idx ON fee_plan_audit (merchant_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'fee_plan_audit',
      'fee_promotions',
      'merchant_fee_plans',
      'fee_plans',
      'terminal_history',
      'terminals',
      'merchant_timeline',
      'consent_ledger',
      'merchant_documents',
      'merchants',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
