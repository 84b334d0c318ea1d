import { addOutboxFailedAndOverflowTables, dropOutboxFailedAndOverflowTables } from '@merchant-pulse/kafka';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `outbox_failed` (outbox rows that can never be published, moved aside with their last error),
 * `dead_letter_overflow` (dead letters too large for the dead-letter topic) and the inbox age index
 * the retention job prunes by.
 */
export class AddOutboxFailedAndDeadLetterOverflow1796140000000 implements MigrationInterface {
  name = 'AddOutboxFailedAndDeadLetterOverflow1796140000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await addOutboxFailedAndOverflowTables(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropOutboxFailedAndOverflowTables(queryRunner);
  }
}
