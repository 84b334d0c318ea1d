-- merchant-pulse PostgreSQL bootstrap. Idempotent: safe to run on every `npm run infra:up`.
--
-- Run with psql as a superuser connected to any database (the default `postgres` is fine):
--   psql "postgresql://postgres@127.0.0.1:5432/postgres" -v ON_ERROR_STOP=1 -f tools/infra/postgres/bootstrap.sql
-- It is also mounted into /docker-entrypoint-initdb.d by docker-compose.yml (the image runs it
-- with psql against POSTGRES_DB), and k8s/postgres reuses the same statements.
--
-- Isolation contract (DESIGN.md): one login role per service; each role OWNS the schema of the
-- same name and has no privilege on any other schema, nor on `public`. Passwords equal the role
-- names: LOCAL DEVELOPMENT ONLY (production passwords come from Kubernetes Secrets).
\set ON_ERROR_STOP on
SET client_min_messages = warning;

-- 1. Roles (cluster-wide). CREATE ROLE has no IF NOT EXISTS, hence the DO block.
DO $$
DECLARE
  r text;
BEGIN
  FOREACH r IN ARRAY ARRAY['merchant_registry', 'transaction_ingestion', 'churn_scoring', 'reactivation', 'after_sales']
  LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
      EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', r, r);
    END IF;
    -- Re-assert attributes every run so a hand-edited role converges back to the contract.
    EXECUTE format('ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD %L', r, r);
    EXECUTE format('ALTER ROLE %I SET search_path TO %I', r, r);
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
