import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idle-terminal recovery: the terminals this service knows from merchant.lifecycle.v1 and
 * terminal.health.v1, merchants' lifecycle status, and recovery workflows (contact → recall).
 */
export class IdleTerminals1797700000400 implements MigrationInterface {
  name = 'IdleTerminals1797700000400';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE fleet_terminals (
         terminal_id text PRIMARY KEY,
         merchant_id text,
         status text NOT NULL,
         assigned_at timestamptz,
         silent_since timestamptz,
         recovered_at timestamptz,
         updated_at timestamptz NOT NULL
       )`,
      `CREATE INDEX fleet_terminals_merchant ON fleet_terminals (merchant_id)`,
      `CREATE TABLE fleet_merchant_status (
         merchant_id text PRIMARY KEY,
         status text NOT NULL,
         changed_at timestamptz NOT NULL
       )`,
      `CREATE TABLE terminal_recoveries (
         recovery_id uuid PRIMARY KEY,
         terminal_id text NOT NULL,
         merchant_id text NOT NULL,
         reason text NOT NULL,
         state text NOT NULL CHECK (state IN ('contact_merchant', 'recalled', 'resolved')),
         last_transacted_on date,
         opened_at timestamptz NOT NULL,
         recall_due_at timestamptz NOT NULL,
         recall_error text,
         closed_at timestamptz
       )`,
      `CREATE UNIQUE INDEX terminal_recoveries_one_open ON terminal_recoveries (terminal_id)
         WHERE state = 'contact_merchant'`,
    ];
    for (const sql of statements) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const t of ['terminal_recoveries', 'fleet_merchant_status', 'fleet_terminals'])
      await queryRunner.query(`DROP TABLE IF EXISTS ${t}`);
  }
}
