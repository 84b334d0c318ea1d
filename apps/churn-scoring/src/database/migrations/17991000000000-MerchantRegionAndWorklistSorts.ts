import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ops worklist filters by sales region and sorts by more than the score. Region and city are
 * projected from merchant.lifecycle.v1 into `merchants` (the profile snapshot, newest by its own
 * timestamp) and copied onto merchant_risk, so that the filter and every sort are served by an index
 * of one table: (region, score) for the default order, one index per sort key for the others. The
 * p_dormant_30d sort orders unknown values (NULL) as -1, through an expression index.
 */
export class MerchantRegionAndWorklistSorts17991000000000 implements MigrationInterface {
  name = 'MerchantRegionAndWorklistSorts17991000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `ALTER TABLE merchants ADD COLUMN region text, ADD COLUMN city text, ADD COLUMN profile_updated_at timestamptz`,
      `ALTER TABLE merchant_risk ADD COLUMN region text, ADD COLUMN city text`,
      `CREATE INDEX merchant_risk_region_rank_idx ON merchant_risk (region, score DESC, merchant_id)`,
      `CREATE INDEX merchant_risk_p_dormant_sort_idx ON merchant_risk ((coalesce(p_dormant_30d, -1)) DESC, merchant_id)`,
      `CREATE INDEX merchant_risk_fee_sort_idx ON merchant_risk (trailing_90d_fee_minor DESC, merchant_id)`,
    ];
    for (const sql of statements) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `DROP INDEX IF EXISTS merchant_risk_fee_sort_idx`,
      `DROP INDEX IF EXISTS merchant_risk_p_dormant_sort_idx`,
      `DROP INDEX IF EXISTS merchant_risk_region_rank_idx`,
      `ALTER TABLE merchant_risk DROP COLUMN city, DROP COLUMN region`,
      `ALTER TABLE merchants DROP COLUMN profile_updated_at, DROP COLUMN city, DROP COLUMN region`,
    ];
    for (const sql of statements) await queryRunner.query(sql);
  }
}
