import { createOutboxAndInboxTables, dropOutboxAndInboxTables } from '@merchant-pulse/kafka';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** The outbox and inbox every service keeps in its own schema. */
export class InitAfterSalesTickets1763900000004 implements MigrationInterface {
  name = 'InitAfterSalesTickets1763900000004';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createOutboxAndInboxTables(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropOutboxAndInboxTables(queryRunner);
  }
}
