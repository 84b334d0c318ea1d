import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The offset fence remembers WHICH message it applied last (producer timestamp + hash of key and
 * value), so a fence left over from a deleted and re-created topic is noticed and reset instead of
 * silently skipping the new topic's messages below it. Existing fences keep a null fingerprint (trusted).
 */
export class AddOffsetFenceFingerprint1796140000001 implements MigrationInterface {
  name = 'AddOffsetFenceFingerprint1796140000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE ingest_offsets ADD COLUMN last_fingerprint text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE ingest_offsets DROP COLUMN IF EXISTS last_fingerprint`);
  }
}
