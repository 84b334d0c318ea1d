import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `GET /v1/merchants?name=` finds merchants whose display or legal name contains the text (any case):
 * a pg_trgm GIN index on `lower(display_name || ' ' || legal_name)` serves the `LIKE '%…%'`.
 *
 * The schema-owning migrator may not create extensions (no CREATE on the database): bootstrap.sql
 * installs pg_trgm into this service's schema as superuser. A superuser migrator (tests, a bare local
 * database) creates it in `public` when it is missing. Without the extension, or without USAGE on the
 * schema that holds it, the index is skipped with a notice and the name search scans — correct, slower.
 */
export class MerchantNameSearch17991000000100 implements MigrationInterface {
  name = 'MerchantNameSearch17991000000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DO $$
       DECLARE trgm text;
       BEGIN
         IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
           BEGIN
             CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
           EXCEPTION WHEN OTHERS THEN
             -- Raced by another schema's migration (it exists now), or not allowed (checked below).
             RAISE NOTICE 'pg_trgm not created: %', SQLERRM;
           END;
         END IF;
         SELECT quote_ident(n.nspname) INTO trgm FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
          WHERE e.extname = 'pg_trgm' AND has_schema_privilege(n.oid, 'USAGE');
         IF trgm IS NULL THEN
           RAISE NOTICE 'pg_trgm unavailable: merchants_name_trgm_idx skipped, name search scans';
           RETURN;
         END IF;
         EXECUTE format(
           'CREATE INDEX merchants_name_trgm_idx ON merchants USING gin ((lower(display_name || '' '' || legal_name)) %s.gin_trgm_ops)',
           trgm);
       END $$`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The extension stays: other schemas of the database may use it.
    await queryRunner.query(`DROP INDEX IF EXISTS merchants_name_trgm_idx`);
  }
}
