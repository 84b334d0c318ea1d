import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The early-warning hazard model goes live: model_versions holds one current version PER KIND
 * (`bgnbd` population fits and `hazard` models) with the metrics each was measured with; merchant_risk
 * carries the calibrated pDormant30d, the hazard version and its reasons; fee changes announced by the
 * registry and declared temporary closures are projected for the model and the tiers.
 */
export class HazardModelVersionsAndClosures1797400000000 implements MigrationInterface {
  name = 'HazardModelVersionsAndClosures1797400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `DROP INDEX IF EXISTS model_versions_current_idx`,
      `CREATE UNIQUE INDEX model_versions_current_kind_idx ON model_versions (kind) WHERE is_current`,
      `ALTER TABLE model_versions ADD COLUMN metrics jsonb`,
      `ALTER TABLE model_versions ADD COLUMN promoted boolean`,
      `ALTER TABLE merchant_risk ADD COLUMN p_dormant_30d double precision`,
      `ALTER TABLE merchant_risk ADD COLUMN hazard_model_version text`,
      `ALTER TABLE merchant_risk ADD COLUMN early_warning_reasons jsonb`,
      `CREATE INDEX merchant_risk_p_dormant_idx ON merchant_risk (p_dormant_30d DESC NULLS LAST, merchant_id)`,
      `CREATE TABLE fee_changes (
         merchant_id text NOT NULL,
         plan_version integer NOT NULL,
         from_bps integer NOT NULL,
         to_bps integer NOT NULL,
         announced_at timestamptz NOT NULL,
         effective_from timestamptz NOT NULL,
         PRIMARY KEY (merchant_id, plan_version)
       )`,
      `CREATE TABLE merchant_closures (
         closure_id text PRIMARY KEY,
         merchant_id text NOT NULL,
         starts_on date NOT NULL,
         ends_on date NOT NULL,
         reason text NOT NULL,
         declared_at timestamptz NOT NULL
       )`,
      `CREATE INDEX merchant_closures_merchant_idx ON merchant_closures (merchant_id, ends_on)`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of [
      `DROP TABLE IF EXISTS merchant_closures`,
      `DROP TABLE IF EXISTS fee_changes`,
      `DROP INDEX IF EXISTS merchant_risk_p_dormant_idx`,
      `ALTER TABLE merchant_risk DROP COLUMN early_warning_reasons, DROP COLUMN hazard_model_version, DROP COLUMN p_dormant_30d`,
      `ALTER TABLE model_versions DROP COLUMN promoted, DROP COLUMN metrics`,
      `DROP INDEX IF EXISTS model_versions_current_kind_idx`,
      `CREATE UNIQUE INDEX model_versions_current_idx ON model_versions (is_current) WHERE is_current`,
    ])
      await queryRunner.query(statement);
  }
}
