-- In-database part of tools/infra/postgres/bootstrap.sql for CloudNativePG: run once by
-- `bootstrap.initdb.postInitApplicationSQLRefs` as superuser inside merchant_pulse (CNPG runs plain
-- SQL, so no psql meta-commands; CNPG creates the database itself). KEEP IN SYNC with that file.
--
-- The roles are created here WITHOUT login or password (the schemas need their owners to exist);
-- `spec.managed.roles` in cluster.yaml then adopts them, enables LOGIN and sets each password from
-- its Secret, so no password ever lives in SQL.
DO $$
DECLARE
  r text;
BEGIN
  FOREACH r IN ARRAY ARRAY['merchant_registry', 'transaction_ingestion', 'churn_scoring', 'reactivation', 'after_sales',
                           'merchant_registry_app', 'transaction_ingestion_app', 'churn_scoring_app', 'reactivation_app', 'after_sales_app']
  LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
      EXECUTE format('CREATE ROLE %I NOLOGIN', r);
    END IF;
    EXECUTE format('ALTER ROLE %I SET search_path TO %I', r, regexp_replace(r, '_app$', ''));
  END LOOP;
END
$$;

REVOKE ALL ON DATABASE merchant_pulse FROM PUBLIC;
GRANT CONNECT ON DATABASE merchant_pulse TO merchant_registry, transaction_ingestion, churn_scoring, reactivation, after_sales;
REVOKE ALL ON SCHEMA public FROM PUBLIC;

-- One schema per service, owned by its role, closed to everybody else.
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
