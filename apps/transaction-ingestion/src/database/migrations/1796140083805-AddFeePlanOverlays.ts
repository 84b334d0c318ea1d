import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fee plans as the registry defines them (issue 10): a version's compensation (a `month_waived` offer
 * waives every fee for that many months from its effective date) and promotions as overlays with their
 * own window, instead of promotional plan versions. Projected from FeeChangeAnnounced / FeePlanChanged
 * and FeePromotionGranted; priced by `feePlanAt` (libs/fees).
 */
export class AddFeePlanOverlays1796140083805 implements MigrationInterface {
  name = 'AddFeePlanOverlays1796140083805';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE fee_plan_versions ADD COLUMN IF NOT EXISTS compensation jsonb`);
    await queryRunner.query(
      `CREATE TABLE fee_promotions (
         merchant_id   text NOT NULL,
         promotion_id  text NOT NULL,
         bps_off       integer NOT NULL,
         starts_at     timestamptz NOT NULL,
         ends_at       timestamptz NOT NULL,
         PRIMARY KEY (merchant_id, promotion_id)
       )`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS fee_promotions`);
    await queryRunner.query(`ALTER TABLE fee_plan_versions DROP COLUMN IF EXISTS compensation`);
  }
}
