import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Phone tasks answered `no_answer` go back to the queue: how many calls a task has had, and when it may be
 * claimed again (null: at once).
 */
export class PhoneTaskNoAnswerRetries1798100000000 implements MigrationInterface {
  name = 'PhoneTaskNoAnswerRetries1798100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE phone_task ADD COLUMN call_attempts integer NOT NULL DEFAULT 1,
         ADD COLUMN available_at timestamptz`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE phone_task DROP COLUMN available_at, DROP COLUMN call_attempts`);
  }
}
