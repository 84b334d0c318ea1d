import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * This service's own projections of churn.risk.v1, merchant.activity.v1, merchant.lifecycle.v1,
 * terminal.health.v1 and support.tickets.v1 (never another schema): what audiences, enrolment, guards
 * and results read about a merchant. No contact details: those stay in the registry.
 */
export class MerchantProjections1797000000000 implements MigrationInterface {
  name = 'MerchantProjections1797000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE merchant_profiles (
        merchant_id      text PRIMARY KEY,
        status           text,
        status_at        timestamptz,
        kind             text,
        legal_entity_id  text,
        display_name     text,
        timezone         text,
        region           text,
        city             text,
        category         text,
        mcc              text,
        profile_at       timestamptz,
        behaviour_tier   text,
        value_tier       text,
        risk_band        text,
        risk_score       integer,
        reason_codes     text[] NOT NULL DEFAULT '{}',
        risk_as_of       timestamptz
      )`);
    await q.query(
      `CREATE INDEX merchant_profiles_tier_idx ON merchant_profiles (behaviour_tier, value_tier)`,
    );
    await q.query(`
      CREATE TABLE merchant_daily_activity (
        merchant_id           text NOT NULL,
        activity_date         date NOT NULL,
        as_of                 timestamptz NOT NULL,
        approved_count        integer NOT NULL,
        approved_amount_minor bigint NOT NULL,
        fee_minor             bigint NOT NULL,
        hourly_counts         integer[] NOT NULL,
        channel_amounts       jsonb NOT NULL,
        channel_counts        jsonb NOT NULL,
        PRIMARY KEY (merchant_id, activity_date)
      )`);
    await q.query(`
      CREATE TABLE merchant_fee_plans (
        merchant_id     text NOT NULL,
        plan_version    integer NOT NULL,
        fee_plan_id     text NOT NULL,
        effective_from  timestamptz NOT NULL,
        terms           jsonb NOT NULL,
        compensation    jsonb,
        PRIMARY KEY (merchant_id, plan_version)
      )`);
    await q.query(`
      CREATE TABLE merchant_terminal_health (
        terminal_id  text NOT NULL,
        kind         text NOT NULL,
        merchant_id  text NOT NULL,
        degraded     boolean NOT NULL,
        since        timestamptz NOT NULL,
        observed_at  timestamptz NOT NULL,
        PRIMARY KEY (terminal_id, kind)
      )`);
    await q.query(
      `CREATE INDEX merchant_terminal_health_merchant_idx ON merchant_terminal_health (merchant_id) WHERE degraded`,
    );
    await q.query(`
      CREATE TABLE merchant_tickets (
        ticket_id          text PRIMARY KEY,
        merchant_id        text NOT NULL,
        category           text NOT NULL,
        status             text NOT NULL,
        opened_at          timestamptz NOT NULL,
        status_changed_at  timestamptz NOT NULL
      )`);
    await q.query(
      `CREATE INDEX merchant_tickets_open_idx ON merchant_tickets (merchant_id) WHERE status NOT IN ('resolved', 'closed')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'merchant_tickets',
      'merchant_terminal_health',
      'merchant_fee_plans',
      'merchant_daily_activity',
      'merchant_profiles',
    ])
      await q.query(`DROP TABLE IF EXISTS ${t}`);
  }
}
