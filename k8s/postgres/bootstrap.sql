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
  FOREACH r IN ARRAY ARRAY['merchant_registry', 'transaction_ingestion', 'churn_scoring', 'reactivation', 'after_sales']
  LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
      EXECUTE format('CREATE ROLE %I NOLOGIN', r);
    END IF;
    EXECUTE format('ALTER ROLE %I SET search_path TO %I', r, r);
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
