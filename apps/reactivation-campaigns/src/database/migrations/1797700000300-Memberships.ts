import { MigrationInterface, QueryRunner } from 'typeorm';

/** Membership tiers (current + history) and the value tier churn-scoring publishes. */
export class Memberships1797700000300 implements MigrationInterface {
  name = 'Memberships1797700000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE membership_value_tiers (
         merchant_id text PRIMARY KEY,
         value_tier text NOT NULL,
         behaviour_tier text NOT NULL,
         as_of timestamptz NOT NULL
       )`,
      `CREATE TABLE memberships (
         merchant_id text PRIMARY KEY,
         tier text NOT NULL CHECK (tier IN ('standard', 'silver', 'gold', 'vip')),
         since timestamptz NOT NULL,
         assessed_on date NOT NULL,
         trailing_volume_minor bigint NOT NULL,
         tenure_days integer NOT NULL,
         reason text NOT NULL
       )`,
      `CREATE TABLE membership_changes (
         id bigserial PRIMARY KEY,
         merchant_id text NOT NULL,
         from_tier text,
         to_tier text NOT NULL,
         reason text NOT NULL,
         changed_at timestamptz NOT NULL
       )`,
      `CREATE INDEX membership_changes_merchant ON membership_changes (merchant_id, changed_at DESC)`,
    ];
    for (const sql of statements) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const t of ['membership_changes', 'memberships', 'membership_value_tiers'])
      await queryRunner.query(`DROP TABLE IF EXISTS ${t}`);
  }
}
