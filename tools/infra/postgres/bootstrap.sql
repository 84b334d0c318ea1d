-- merchant-pulse PostgreSQL bootstrap. Idempotent: safe to run on every `npm run infra:up`.
--
-- Run with psql as a superuser connected to any database (the default `postgres` is fine):
--   psql "postgresql://postgres@127.0.0.1:5432/postgres" -v ON_ERROR_STOP=1 -f tools/infra/postgres/bootstrap.sql
-- It is also mounted into /docker-entrypoint-initdb.d by docker-compose.yml (the image runs it
-- with psql against POSTGRES_DB), and k8s/postgres reuses the same statements.
--
-- Isolation contract (DESIGN.md): two login roles per service, neither with any privilege on another
-- service's schema nor on `public`:
--   <service>      OWNS the schema of the same name: the migrator (`npm run db:migrate`, release step,
--                  or DB_MIGRATE_ON_BOOT through DATABASE_MIGRATION_URL);
--   <service>_app  the runtime role the service connects with (DATABASE_URL): SELECT, INSERT, UPDATE,
--                  DELETE on the schema's tables and sequences, nothing else — it cannot CREATE, DROP,
--                  TRUNCATE, ALTER or GRANT.
-- Passwords equal the role names: LOCAL DEVELOPMENT ONLY (production passwords come from Kubernetes Secrets).
\set ON_ERROR_STOP on
SET client_min_messages = warning;

-- 1. Roles (cluster-wide). CREATE ROLE has no IF NOT EXISTS, hence the DO block.
DO $$
DECLARE
  r text;
BEGIN
  FOREACH r IN ARRAY ARRAY['merchant_registry', 'transaction_ingestion', 'churn_scoring', 'reactivation', 'after_sales',
                           'merchant_registry_app', 'transaction_ingestion_app', 'churn_scoring_app', 'reactivation_app', 'after_sales_app']
  LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
      EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', r, r);
    END IF;
    -- Re-assert attributes every run so a hand-edited role converges back to the contract.
    EXECUTE format('ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD %L', r, r);
    EXECUTE format('ALTER ROLE %I SET search_path TO %I', r, regexp_replace(r, '_app$', ''));
  END LOOP;
END
$$;

-- 2. Database. CREATE DATABASE cannot run inside a DO block or transaction: psql's \gexec runs
--    the generated statement only when the database is missing.
SELECT 'CREATE DATABASE merchant_pulse'
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'merchant_pulse')
\gexec

-- 3. Everything below happens inside merchant_pulse (same user/host as the current connection).
\c merchant_pulse
SET client_min_messages = warning;

-- Nobody gets anything by default: connecting is granted per role, `public` is closed.
REVOKE ALL ON DATABASE merchant_pulse FROM PUBLIC;
GRANT CONNECT ON DATABASE merchant_pulse TO merchant_registry, transaction_ingestion, churn_scoring, reactivation, after_sales;
REVOKE ALL ON SCHEMA public FROM PUBLIC;

-- 4. One schema per service, owned by its role (so its migrations can create tables there),
--    closed to everybody else.
DO $$
DECLARE
  r text;
BEGIN
  FOREACH r IN ARRAY ARRAY['merchant_registry', 'transaction_ingestion', 'churn_scoring', 'reactivation', 'after_sales']
  LOOP
    EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I', r, r);
    EXECUTE format('ALTER SCHEMA %I OWNER TO %I', r, r);
    EXECUTE format('REVOKE ALL ON SCHEMA %I FROM PUBLIC', r);
  END LOOP;
END
$$;

-- 5. The runtime roles: DML on what the owner creates, now and in every later migration.
-- BEGIN grant_runtime_role (one definition: the roles integration test runs this block too)
CREATE OR REPLACE PROCEDURE public.pulse_grant_runtime_role(schema_name text, owner_role text, runtime_role text)
LANGUAGE plpgsql AS $proc$
BEGIN
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I, %I', current_database(), owner_role, runtime_role);
  EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', schema_name, runtime_role);
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO %I', schema_name, runtime_role);
  EXECUTE format('GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA %I TO %I', schema_name, runtime_role);
  EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I',
                 owner_role, schema_name, runtime_role);
  EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA %I GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO %I',
                 owner_role, schema_name, runtime_role);
  EXECUTE format('ALTER ROLE %I SET search_path TO %I', runtime_role, schema_name);
END
$proc$;
-- END grant_runtime_role
REVOKE ALL ON PROCEDURE public.pulse_grant_runtime_role(text, text, text) FROM PUBLIC;

DO $$
DECLARE
  r text;
BEGIN
  FOREACH r IN ARRAY ARRAY['merchant_registry', 'transaction_ingestion', 'churn_scoring', 'reactivation', 'after_sales']
  LOOP
    CALL public.pulse_grant_runtime_role(r, r, r || '_app');
  END LOOP;
END
$$;

-- 6. Extensions a service's migrations use but its owner may not create (trusted extensions need
--    CREATE on the database). pg_trgm: the registry's merchant name search index.
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA merchant_registry;
