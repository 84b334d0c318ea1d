import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The care programme (回访 and surveys): scheduled return visits (one per merchant, kind and cycle),
 * quarterly satisfaction surveys (one per merchant and quarter, answered once through a signed link)
 * and training offers (one per merchant and cycle). Contacts go through outreach; these rows say why.
 */
export class CareProgramme1798300000000 implements MigrationInterface {
  name = 'CareProgramme1798300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE care_visits (
        id                  uuid PRIMARY KEY,
        merchant_id         text NOT NULL,
        kind                text NOT NULL,
        cycle_key           text NOT NULL,
        channel             text NOT NULL,
        send_id             uuid NOT NULL UNIQUE,
        due_at              timestamptz NOT NULL,
        outcome             text,
        needs               text[] NOT NULL DEFAULT '{}',
        complaint_category  text,
        complaint_summary   text,
        training_requested  boolean NOT NULL DEFAULT false,
        note                text,
        agent               text,
        created_at          timestamptz NOT NULL,
        completed_at        timestamptz,
        CONSTRAINT care_visits_once UNIQUE (merchant_id, kind, cycle_key)
      )`);
    await q.query(`CREATE INDEX care_visits_due ON care_visits (due_at)`);
    await q.query(`
      CREATE TABLE care_surveys (
        id                  uuid PRIMARY KEY,
        merchant_id         text NOT NULL,
        quarter             text NOT NULL,
        send_id             uuid NOT NULL UNIQUE,
        membership_tier     text NOT NULL,
        region              text,
        category            text,
        created_at          timestamptz NOT NULL,
        expires_at          timestamptz NOT NULL,
        answered_at         timestamptz,
        score               integer CHECK (score BETWEEN 1 AND 5),
        nps                 integer CHECK (nps BETWEEN 0 AND 10),
        comment             text,
        follow_up_visit_id  uuid REFERENCES care_visits (id),
        CONSTRAINT care_surveys_once UNIQUE (merchant_id, quarter)
      )`);
    await q.query(
      `CREATE INDEX care_surveys_answered ON care_surveys (quarter) WHERE answered_at IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE care_training_offers (
        id           uuid PRIMARY KEY,
        merchant_id  text NOT NULL,
        cycle_key    text NOT NULL,
        reason       text NOT NULL,
        send_id      uuid NOT NULL UNIQUE,
        created_at   timestamptz NOT NULL,
        CONSTRAINT care_training_offers_once UNIQUE (merchant_id, cycle_key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE care_training_offers`);
    await q.query(`DROP TABLE care_surveys`);
    await q.query(`DROP TABLE care_visits`);
  }
}
