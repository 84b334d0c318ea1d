import { MigrationInterface, QueryRunner } from 'typeorm';

const FUNCTIONS = [
  'ensure_transaction_partitions(date, integer)',
  'drop_transaction_partitions_before(date)',
];

/**
 * The service runs as a DML-only role (`transaction_ingestion_app`) that cannot create or drop tables,
 * yet its maintenance job rolls the monthly `transactions` partitions. The two partition functions
 * therefore run with their owner's rights (SECURITY DEFINER) and a search_path pinned to this schema,
 * so the runtime role can do exactly that DDL and no other.
 */
export class PartitionFunctionsRunAsOwner1764600000000 implements MigrationInterface {
  name = 'PartitionFunctionsRunAsOwner1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // FROM CURRENT: the migration's search_path, i.e. this service's schema first.
    for (const fn of FUNCTIONS)
      await queryRunner.query(`ALTER FUNCTION ${fn} SECURITY DEFINER SET search_path FROM CURRENT`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const fn of FUNCTIONS)
      await queryRunner.query(`ALTER FUNCTION ${fn} SECURITY INVOKER RESET search_path`);
  }
}
