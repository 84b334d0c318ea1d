import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Campaigns (definition, audience, treatment steps, holdout share, lifecycle), their audit trail, and
 * enrolments (arm by legal entity, fixed at enrolment; exit; conversion).
 */
export class CampaignsAndEnrolments1797000000001 implements MigrationInterface {
  name = 'CampaignsAndEnrolments1797000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE campaigns (
        id                     text PRIMARY KEY,
        name                   text NOT NULL,
        kind                   text NOT NULL CHECK (kind IN ('triggered', 'one_off', 'fee_change_notice')),
        status                 text NOT NULL CHECK (status IN ('draft', 'scheduled', 'running', 'paused', 'completed')),
        audience               jsonb NOT NULL,
        steps                  jsonb NOT NULL,
        holdout_share          numeric(5, 4) NOT NULL CHECK (holdout_share >= 0 AND holdout_share < 1),
        attribution_days       integer NOT NULL,
        conversion_min_approved integer NOT NULL,
        reentry_cooldown_days  integer NOT NULL,
        starts_at              timestamptz,
        launched_at            timestamptz,
        completed_at           timestamptz,
        created_by             text NOT NULL,
        created_at             timestamptz NOT NULL,
        updated_at             timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX campaigns_running_idx ON campaigns (kind) WHERE status = 'running'`);
    await q.query(`
      CREATE TABLE campaign_audit (
        id           bigserial PRIMARY KEY,
        campaign_id  text NOT NULL REFERENCES campaigns (id),
        actor        text NOT NULL,
        action       text NOT NULL,
        from_status  text,
        to_status    text,
        changes      jsonb NOT NULL DEFAULT '{}',
        at           timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX campaign_audit_campaign_idx ON campaign_audit (campaign_id, id)`);
    await q.query(`
      CREATE TABLE campaign_enrolments (
        id                      text PRIMARY KEY,
        campaign_id             text NOT NULL REFERENCES campaigns (id),
        merchant_id             text NOT NULL,
        legal_entity_id         text NOT NULL,
        arm                     text NOT NULL CHECK (arm IN ('treatment', 'holdout')),
        enrolled_at             timestamptz NOT NULL,
        enrolled_on             date NOT NULL,
        timezone                text NOT NULL,
        trigger                 text NOT NULL,
        behaviour_tier          text,
        value_tier              text,
        days_inactive           integer,
        baseline_volume_minor   bigint NOT NULL DEFAULT 0,
        variables               jsonb NOT NULL DEFAULT '{}',
        handed_off_at           timestamptz,
        exited_at               timestamptz,
        exit_reason             text,
        converted_on            date,
        converted_at            timestamptz
      )`);
    // Not while enrolled: one open enrolment per (campaign, merchant).
    await q.query(
      `CREATE UNIQUE INDEX campaign_enrolments_open_idx ON campaign_enrolments (campaign_id, merchant_id) WHERE exited_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX campaign_enrolments_merchant_idx ON campaign_enrolments (merchant_id, enrolled_at)`,
    );
    await q.query(
      `CREATE INDEX campaign_enrolments_handoff_idx ON campaign_enrolments (enrolled_at) WHERE handed_off_at IS NULL AND arm = 'treatment'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS campaign_enrolments`);
    await q.query(`DROP TABLE IF EXISTS campaign_audit`);
    await q.query(`DROP TABLE IF EXISTS campaigns`);
  }
}
