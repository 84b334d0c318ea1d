import { MigrationInterface, QueryRunner } from 'typeorm';

/** Referrals known from MerchantRegistered, waiting for the referred merchant's first K trading days. */
export class LoyaltyReferrals1797700000200 implements MigrationInterface {
  name = 'LoyaltyReferrals1797700000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE loyalty_referrals (
         referred_merchant_id text PRIMARY KEY,
         referrer_merchant_id text NOT NULL,
         state text NOT NULL CHECK (state IN ('waiting', 'rewarded', 'refused')),
         refusal_reason text,
         registered_at timestamptz NOT NULL,
         settled_at timestamptz
       )`,
    );
    await queryRunner.query(
      `CREATE INDEX loyalty_referrals_waiting ON loyalty_referrals (referred_merchant_id) WHERE state = 'waiting'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS loyalty_referrals`);
  }
}
