import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * MerchantDailyActivity snapshots are published from a "dirty merchant-days" set instead of one
 * outbox event per merchant-day per chunk: a chunk marks the merchant-days it changed (same
 * transaction), the snapshot publisher claims marks every SNAPSHOT_INTERVAL_MS and enqueues one
 * snapshot of the absolute totals per claimed merchant-day.
 * Adds `ingest_offsets`, the raw consumer's offset fence (see ConsumedOffsetRepository).
 * Also drops `terminal_activity_bucket_idx`: every new bucket row paid for it on the hot path, while
 * its only readers (the health detector's look-back and the prune) cover most of a table that holds
 * just the look-back, where a sequential scan is as good.
 */
export class AddDailyActivityDirtySet1763900000003 implements MigrationInterface {
  name = 'AddDailyActivityDirtySet1763900000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE daily_activity_dirty (
         merchant_id  text NOT NULL,
         local_date   date NOT NULL,
         PRIMARY KEY (merchant_id, local_date)
       )`,
    );
    await queryRunner.query(
      `CREATE TABLE ingest_offsets (
         topic        text NOT NULL,
         partition    integer NOT NULL,
         next_offset  bigint NOT NULL,
         PRIMARY KEY (topic, partition)
       )`,
    );
    await queryRunner.query(`DROP INDEX IF EXISTS terminal_activity_bucket_idx`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS daily_activity_dirty`);
    await queryRunner.query(`DROP TABLE IF EXISTS ingest_offsets`);
    await queryRunner.query(
      `CREATE INDEX IF NOT EXISTS terminal_activity_bucket_idx ON terminal_activity (bucket_start)`,
    );
  }
}
