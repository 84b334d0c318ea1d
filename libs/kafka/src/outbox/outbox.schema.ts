import { QueryRunner } from 'typeorm';

/**
 * DDL for the outbox and inbox tables every service keeps in its own schema; each service's first
 * migration calls {@link createOutboxAndInboxTables}. The outbox stores the exact bytes to publish
 * (`value`), so what the relay sends is what the transaction wrote.
 */
export const OUTBOX_INBOX_DDL = [
  `CREATE TABLE IF NOT EXISTS outbox (
     seq          bigserial PRIMARY KEY,
     event_id     uuid        NOT NULL UNIQUE,
     topic        text        NOT NULL,
     message_key  text        NOT NULL,
     event_type   text        NOT NULL,
     value        text        NOT NULL,
     headers      jsonb       NOT NULL DEFAULT '{}'::jsonb,
     created_at   timestamptz NOT NULL DEFAULT now(),
     published_at timestamptz,
     attempts     integer     NOT NULL DEFAULT 0,
     last_error   text
   )`,
  `CREATE INDEX IF NOT EXISTS outbox_pending_idx ON outbox (seq) WHERE published_at IS NULL`,
  `CREATE INDEX IF NOT EXISTS outbox_published_idx ON outbox (published_at) WHERE published_at IS NOT NULL`,
  `CREATE TABLE IF NOT EXISTS inbox (
     consumer     text        NOT NULL,
     event_id     text        NOT NULL,
     processed_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (consumer, event_id)
   )`,
];

/**
 * Second step, added by each service's `AddOutboxFailedAndDeadLetterOverflow` migration:
 * - `outbox_failed`: rows that can never be published (too large, topic missing), moved out of the
 *   outbox with their `last_error` so they block nothing (requeue by inserting them back into `outbox` once fixed).
 * - `dead_letter_overflow`: dead letters too large for their dead-letter topic (original bytes kept).
 * - an index on `inbox.processed_at`, so pruning by age is cheap.
 */
export const OUTBOX_INBOX_V2_DDL = [
  `CREATE TABLE IF NOT EXISTS outbox_failed (
     seq          bigint      PRIMARY KEY,
     event_id     uuid        NOT NULL,
     topic        text        NOT NULL,
     message_key  text        NOT NULL,
     event_type   text        NOT NULL,
     value        text        NOT NULL,
     headers      jsonb       NOT NULL,
     created_at   timestamptz NOT NULL,
     attempts     integer     NOT NULL,
     last_error   text        NOT NULL,
     failed_at    timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE TABLE IF NOT EXISTS dead_letter_overflow (
     id             bigserial   PRIMARY KEY,
     consumer_group text        NOT NULL,
     topic          text        NOT NULL,
     partition      integer     NOT NULL,
     "offset"       bigint      NOT NULL,
     message_key    text,
     value          bytea,
     headers        jsonb       NOT NULL,
     reason         text        NOT NULL,
     detail         text        NOT NULL,
     bytes          integer     NOT NULL,
     stored_at      timestamptz NOT NULL DEFAULT now(),
     UNIQUE (consumer_group, topic, partition, "offset")
   )`,
  `CREATE INDEX IF NOT EXISTS inbox_processed_at_idx ON inbox (processed_at)`,
];

export async function createOutboxAndInboxTables(queryRunner: QueryRunner): Promise<void> {
  for (const statement of OUTBOX_INBOX_DDL) await queryRunner.query(statement);
}

export async function addOutboxFailedAndOverflowTables(queryRunner: QueryRunner): Promise<void> {
  for (const statement of OUTBOX_INBOX_V2_DDL) await queryRunner.query(statement);
}

export async function dropOutboxFailedAndOverflowTables(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query('DROP INDEX IF EXISTS inbox_processed_at_idx');
  await queryRunner.query('DROP TABLE IF EXISTS dead_letter_overflow');
  await queryRunner.query('DROP TABLE IF EXISTS outbox_failed');
}

export async function dropOutboxAndInboxTables(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query('DROP TABLE IF EXISTS inbox');
  await queryRunner.query('DROP TABLE IF EXISTS outbox');
}
