import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outreach: one send record per (campaign, merchant, step) — the row that makes a re-run after a crash
 * between send and acknowledgement visible —, the activation team's phone-task queue, and offer
 * acceptances (one per campaign, merchant and step; the registry promotion they created).
 */
export class AddOutreach1797100000000 implements MigrationInterface {
  name = 'AddOutreach1797100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE outreach_send (
        id uuid PRIMARY KEY,
        campaign_id text NOT NULL,
        merchant_id text NOT NULL,
        enrolment_id text NOT NULL,
        step_index integer NOT NULL,
        purpose text NOT NULL,
        template_id text NOT NULL,
        planned_channel text NOT NULL,
        channel text,
        state text NOT NULL,
        skip_reason text,
        failure_reason text,
        detail text,
        attempts integer NOT NULL DEFAULT 0,
        address_masked text,
        subject text,
        body text,
        provider_message_id text,
        offer jsonb,
        enrolled_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        valid_until timestamptz NOT NULL,
        held_until timestamptz,
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT outreach_send_once UNIQUE (campaign_id, merchant_id, step_index)
      )`);
    await queryRunner.query(
      `CREATE INDEX outreach_send_merchant_sent ON outreach_send (merchant_id, sent_at) WHERE sent_at IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX outreach_send_campaign ON outreach_send (campaign_id, state)`);
    await queryRunner.query(`
      CREATE TABLE phone_task (
        id uuid PRIMARY KEY,
        send_id uuid NOT NULL UNIQUE REFERENCES outreach_send (id),
        campaign_id text NOT NULL,
        merchant_id text NOT NULL,
        purpose text NOT NULL,
        state text NOT NULL,
        phone_masked text,
        script text NOT NULL,
        offer jsonb,
        claimed_by text,
        claimed_until timestamptz,
        outcome text,
        note text,
        created_at timestamptz NOT NULL,
        completed_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX phone_task_queue ON phone_task (state, created_at)`);
    await queryRunner.query(`
      CREATE TABLE offer_acceptance (
        id uuid PRIMARY KEY,
        campaign_id text NOT NULL,
        merchant_id text NOT NULL,
        step_index integer NOT NULL,
        offer jsonb NOT NULL,
        source text NOT NULL,
        state text NOT NULL,
        estimated_cost_minor bigint NOT NULL,
        promotion_id text,
        detail text,
        accepted_at timestamptz NOT NULL,
        applied_at timestamptz,
        CONSTRAINT offer_acceptance_once UNIQUE (campaign_id, merchant_id, step_index)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE offer_acceptance`);
    await queryRunner.query(`DROP TABLE phone_task`);
    await queryRunner.query(`DROP TABLE outreach_send`);
  }
}
