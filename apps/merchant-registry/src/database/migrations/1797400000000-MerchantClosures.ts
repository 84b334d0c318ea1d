import { MigrationInterface, QueryRunner } from 'typeorm';

/** Temporary closures merchants declare (Spring Festival, renovation...): a break, not churn. */
export class MerchantClosures1797400000000 implements MigrationInterface {
  name = 'MerchantClosures1797400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE merchant_closures (
      id uuid PRIMARY KEY,
      merchant_id text NOT NULL,
      starts_on date NOT NULL,
      ends_on date NOT NULL,
      reason text NOT NULL,
      note text,
      declared_by text NOT NULL,
      declared_at timestamptz NOT NULL,
      CHECK (ends_on >= starts_on)
    )`);
    await queryRunner.query(
      `CREATE INDEX merchant_closures_merchant_idx ON merchant_closures (merchant_id, starts_on)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS merchant_closures`);
  }
}
