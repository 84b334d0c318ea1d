import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ingestion's tables. `transactions` is partitioned by month of `occurred_at` (declarative range
 * partitioning); dedupe lives in `transaction_keys` because a unique index on a partitioned table
 * must contain the partition key, and identity is `(acquirer_id, transaction_id)` alone.
 * Retention: RETENTION_MONTHS (default 25) monthly partitions; the maintenance job creates the next
 * months ahead of time and drops whole partitions older than the retention (cheap, no vacuum debt).
 */
export class CreateIngestionTables1763900000002 implements MigrationInterface {
  name = 'CreateIngestionTables1763900000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of [...PROJECTION_DDL, ...TRANSACTION_DDL, ...ROLLUP_DDL, ...PARTITION_FUNCTIONS]) {
      await queryRunner.query(statement);
    }
    // The window around "now" at migration time; the maintenance job keeps it moving (by the Clock).
    await queryRunner.query(
      `SELECT ensure_transaction_partitions((date_trunc('month', now()) - interval '25 months')::date, 29)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'terminal_health_episodes',
      'terminal_activity',
      'ingest_ledger',
      'parked_transactions',
      'daily_activity',
      'transactions',
      'transaction_keys',
      'fee_plan_versions',
      'terminals',
      'merchants',
    ]) {
      await queryRunner.query(`DROP TABLE IF EXISTS ${table} CASCADE`);
    }
    await queryRunner.query('DROP FUNCTION IF EXISTS ensure_transaction_partitions(date, integer)');
    await queryRunner.query('DROP FUNCTION IF EXISTS drop_transaction_partitions_before(date)');
    await queryRunner.query('DROP FUNCTION IF EXISTS ingest_add_arrays(bigint[], bigint[])');
  }
}

/** The local projection of merchant.lifecycle.v1 (never the registry's schema). */
const PROJECTION_DDL = [
  `CREATE TABLE merchants (
     merchant_id   text PRIMARY KEY,
     timezone      text NOT NULL,
     currency      text NOT NULL DEFAULT 'CNY',
     status        text NOT NULL,
     updated_at    timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE TABLE terminals (
     terminal_id   text PRIMARY KEY,
     merchant_id   text NOT NULL,
     status        text NOT NULL,
     updated_at    timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE INDEX terminals_merchant_idx ON terminals (merchant_id)`,
  `CREATE TABLE fee_plan_versions (
     merchant_id      text NOT NULL,
     plan_version     integer NOT NULL,
     fee_plan_id      text NOT NULL,
     effective_from   timestamptz NOT NULL,
     credit_bps       integer NOT NULL,
     debit_bps        integer NOT NULL,
     debit_cap_minor  bigint NOT NULL,
     qr_alipay_bps    integer NOT NULL,
     qr_wechat_bps    integer NOT NULL,
     unionpay_qr_bps  integer NOT NULL,
     PRIMARY KEY (merchant_id, plan_version)
   )`,
];

const TRANSACTION_DDL = [
  `CREATE TABLE transaction_keys (
     acquirer_id     text NOT NULL,
     transaction_id  text NOT NULL,
     merchant_id     text NOT NULL,
     occurred_at     timestamptz NOT NULL,
     PRIMARY KEY (acquirer_id, transaction_id)
   )`,
  `CREATE TABLE transactions (
     acquirer_id              text NOT NULL,
     transaction_id           text NOT NULL,
     merchant_id              text NOT NULL,
     terminal_id              text NOT NULL,
     occurred_at              timestamptz NOT NULL,
     local_date               date NOT NULL,
     amount_minor             bigint NOT NULL,
     fee_minor                bigint NOT NULL,
     currency                 text NOT NULL,
     channel                  text NOT NULL,
     type                     text NOT NULL,
     status                   text NOT NULL,
     response_code            text,
     entry_mode               text,
     original_transaction_id  text,
     reversed_by              text,
     produced_at              timestamptz,
     ingested_at              timestamptz NOT NULL DEFAULT clock_timestamp()
   ) PARTITION BY RANGE (occurred_at)`,
  `CREATE INDEX transactions_merchant_time_idx ON transactions (merchant_id, occurred_at, transaction_id)`,
  `CREATE TABLE transactions_default PARTITION OF transactions DEFAULT`,
  `CREATE TABLE parked_transactions (
     acquirer_id       text NOT NULL,
     transaction_id    text NOT NULL,
     merchant_id       text NOT NULL,
     business_date     date NOT NULL,
     amount_minor      bigint NOT NULL,
     raw               bytea NOT NULL,
     message_key       text,
     source_partition  integer NOT NULL,
     source_offset     text NOT NULL,
     produced_at       timestamptz,
     parked_at         timestamptz NOT NULL,
     expires_at        timestamptz NOT NULL,
     PRIMARY KEY (acquirer_id, transaction_id)
   )`,
  `CREATE INDEX parked_merchant_idx ON parked_transactions (merchant_id)`,
  `CREATE INDEX parked_expiry_idx ON parked_transactions (expires_at)`,
];

const ROLLUP_DDL = [
  `CREATE TABLE daily_activity (
     merchant_id            text NOT NULL,
     local_date             date NOT NULL,
     timezone               text NOT NULL,
     currency               text NOT NULL,
     approved_count         bigint NOT NULL DEFAULT 0,
     approved_amount_minor  bigint NOT NULL DEFAULT 0,
     declined_count         bigint NOT NULL DEFAULT 0,
     refund_count           bigint NOT NULL DEFAULT 0,
     refund_amount_minor    bigint NOT NULL DEFAULT 0,
     reversal_count         bigint NOT NULL DEFAULT 0,
     reversal_amount_minor  bigint NOT NULL DEFAULT 0,
     fee_minor              bigint NOT NULL DEFAULT 0,
     card_read_failure_count bigint NOT NULL DEFAULT 0,
     -- [count, amount, fee] per channel in CHANNELS order (15 numbers), added element-wise.
     by_channel             bigint[] NOT NULL DEFAULT array_fill(0::bigint, ARRAY[15]),
     hourly_approved        bigint[] NOT NULL DEFAULT array_fill(0::bigint, ARRAY[24]),
     terminal_ids           text[] NOT NULL DEFAULT '{}',
     first_approved_at      timestamptz,
     last_approved_at       timestamptz,
     PRIMARY KEY (merchant_id, local_date)
   )`,
  // Exact accounting per acquirer and business date (UTC date of occurredAt); `shard` is the
  // Kafka partition, so concurrent partitions never wait on one another's ledger rows.
  `CREATE TABLE ingest_ledger (
     acquirer_id    text NOT NULL,
     business_date  date NOT NULL,
     outcome        text NOT NULL,
     reason         text NOT NULL DEFAULT '',
     shard          integer NOT NULL,
     count          bigint NOT NULL DEFAULT 0,
     amount_minor   bigint NOT NULL DEFAULT 0,
     fee_minor      bigint NOT NULL DEFAULT 0,
     PRIMARY KEY (acquirer_id, business_date, outcome, reason, shard)
   )`,
  // Five-minute buckets per terminal: the sliding window of the health detector sums the last N.
  `CREATE TABLE terminal_activity (
     terminal_id    text NOT NULL,
     bucket_start   timestamptz NOT NULL,
     merchant_id    text NOT NULL,
     total          integer NOT NULL,
     declines       integer NOT NULL,
     read_failures  integer NOT NULL,
     last_tx_at     timestamptz NOT NULL,
     PRIMARY KEY (terminal_id, bucket_start)
   )`,
  `CREATE INDEX terminal_activity_bucket_idx ON terminal_activity (bucket_start)`,
  `CREATE TABLE terminal_health_episodes (
     terminal_id  text NOT NULL,
     kind         text NOT NULL,
     merchant_id  text NOT NULL,
     since        timestamptz NOT NULL,
     PRIMARY KEY (terminal_id, kind)
   )`,
];

/** Partition maintenance as SQL functions, so operators can call them by hand too. */
const PARTITION_FUNCTIONS = [
  `CREATE OR REPLACE FUNCTION ingest_add_arrays(a bigint[], b bigint[])
   RETURNS bigint[] LANGUAGE sql IMMUTABLE AS $fn$
     SELECT array_agg(coalesce(x, 0) + coalesce(y, 0) ORDER BY i) FROM unnest(a, b) WITH ORDINALITY AS t(x, y, i)
   $fn$`,
  `CREATE OR REPLACE FUNCTION ensure_transaction_partitions(first_month date, months integer)
   RETURNS integer LANGUAGE plpgsql AS $fn$
   DECLARE
     m date;
     created integer := 0;
     part text;
   BEGIN
     FOR i IN 0 .. months - 1 LOOP
       m := (date_trunc('month', first_month) + make_interval(months => i))::date;
       part := 'transactions_' || to_char(m, 'YYYY_MM');
       IF to_regclass(format('%I.%I', current_schema(), part)) IS NULL THEN
         EXECUTE format('CREATE TABLE %I.%I PARTITION OF %I.transactions FOR VALUES FROM (%L) TO (%L)',
           current_schema(), part, current_schema(), m::text || ' 00:00:00+00',
           (m + interval '1 month')::date::text || ' 00:00:00+00');
         created := created + 1;
       END IF;
     END LOOP;
     RETURN created;
   END $fn$`,
  `CREATE OR REPLACE FUNCTION drop_transaction_partitions_before(cutoff date)
   RETURNS integer LANGUAGE plpgsql AS $fn$
   DECLARE
     r record;
     dropped integer := 0;
   BEGIN
     FOR r IN SELECT c.relname FROM pg_inherits i
                JOIN pg_class c ON c.oid = i.inhrelid
                JOIN pg_class p ON p.oid = i.inhparent
                JOIN pg_namespace n ON n.oid = p.relnamespace
               WHERE p.relname = 'transactions' AND n.nspname = current_schema()
                 AND c.relname ~ '^transactions_[0-9]{4}_[0-9]{2}$'
     LOOP
       IF to_date(substr(r.relname, 14), 'YYYY_MM') + interval '1 month' <= cutoff THEN
         EXECUTE format('DROP TABLE %I.%I', current_schema(), r.relname);
         dropped := dropped + 1;
       END IF;
     END LOOP;
     RETURN dropped;
   END $fn$`,
];
