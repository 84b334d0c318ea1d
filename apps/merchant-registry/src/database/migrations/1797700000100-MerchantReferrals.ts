import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Referrals recorded at application time: who referred the merchant (from the referral code on the
 * application) and whether the registry found the same legal representative or settlement card as
 * the referrer's (the fraud guard; only this boolean leaves the registry, never the PII).
 */
export class MerchantReferrals1797700000100 implements MigrationInterface {
  name = 'MerchantReferrals1797700000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE merchant_referrals (
         merchant_id text PRIMARY KEY REFERENCES merchants (id),
         referrer_merchant_id text NOT NULL REFERENCES merchants (id),
         same_party_as_referrer boolean NOT NULL,
         recorded_at timestamptz NOT NULL
       )`,
    );
    await queryRunner.query(
      `CREATE INDEX merchant_referrals_referrer ON merchant_referrals (referrer_merchant_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS merchant_referrals`);
  }
}
