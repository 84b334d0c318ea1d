import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who saw or searched which merchant's PII, and when: append-only (a trigger refuses UPDATE and
 * DELETE, so not even the service's own role can rewrite history).
 */
export class PiiAccessAudit1764600000200 implements MigrationInterface {
  name = 'PiiAccessAudit1764600000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE pii_access_audit (
      id              bigserial PRIMARY KEY,
      at              timestamptz NOT NULL,
      actor           text NOT NULL,
      action          text NOT NULL CHECK (action IN ('reveal', 'search')),
      merchant_id     text,
      detail          text NOT NULL,
      correlation_id  text
    )`);
    await q.query(`CREATE INDEX pii_access_audit_merchant_idx ON pii_access_audit (merchant_id, id)`);
    await q.query(`CREATE FUNCTION pii_access_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'pii_access_audit is append-only'; END $$`);
    await q.query(`CREATE TRIGGER pii_access_audit_append_only BEFORE UPDATE OR DELETE ON pii_access_audit
      FOR EACH ROW EXECUTE FUNCTION pii_access_audit_append_only()`);
    await q.query(`CREATE TRIGGER pii_access_audit_no_truncate BEFORE TRUNCATE ON pii_access_audit
      FOR EACH STATEMENT EXECUTE FUNCTION pii_access_audit_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE pii_access_audit`);
    await q.query(`DROP FUNCTION pii_access_audit_append_only()`);
  }
}
