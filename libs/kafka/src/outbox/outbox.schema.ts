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

export async function createOutboxAndInboxTables(queryRunner: QueryRunner): Promise<void> {
  for (const statement of OUTBOX_INBOX_DDL) await queryRunner.query(statement);
}

export async function dropOutboxAndInboxTables(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query('DROP TABLE IF EXISTS inbox');
  await queryRunner.query('DROP TABLE IF EXISTS outbox');
}
