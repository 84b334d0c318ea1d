import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `dead_letters`: the queryable copy of every message ingestion dead-letters, written in the same
 * transaction as its `rejected` ledger line (the Kafka dead-letter topic stays the stream other teams
 * read). It keeps the ORIGINAL bytes, key and headers so a dead letter can be re-driven after a fix,
 * the ledger key it was counted under (so a re-drive moves exactly that count), and the re-drive's
 * audit trail: who asked (X-Actor, API key id), when, which attempt, and how it ended. Kept as long
 * as transactions (RETENTION_MONTHS), by the maintenance job.
 */
export class CreateDeadLetters1798600000000 implements MigrationInterface {
  name = 'CreateDeadLetters1798600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE dead_letters (
         id                    uuid PRIMARY KEY,
         reason                text NOT NULL,
         detail                text NOT NULL DEFAULT '',
         source_topic          text NOT NULL,
         source_partition      integer NOT NULL,
         source_offset         bigint NOT NULL,
         message_key           text,
         value                 bytea NOT NULL,
         headers               jsonb NOT NULL DEFAULT '{}',
         consumer_group        text NOT NULL,
         acquirer_id           text NOT NULL,
         business_date         date NOT NULL,
         ledger_shard          integer NOT NULL,
         amount_minor          bigint NOT NULL DEFAULT 0,
         merchant_id           text,
         transaction_id        text,
         first_seen_at         timestamptz NOT NULL,
         redrive_of            uuid REFERENCES dead_letters (id) ON DELETE SET NULL,
         status                text NOT NULL DEFAULT 'dead'
                               CHECK (status IN ('dead', 'redrive_requested', 'redriven')),
         redrive_attempt       integer NOT NULL DEFAULT 0,
         redrive_requested_at  timestamptz,
         redrive_requested_by  text,
         redrive_api_key_id    text,
         redrive_outcome       text CHECK (redrive_outcome IN ('accepted', 'duplicate', 'rejected', 'parked')),
         redriven_at           timestamptz,
         UNIQUE (source_topic, source_partition, source_offset)
       )`,
    );
    await queryRunner.query(
      `CREATE INDEX dead_letters_seen_idx ON dead_letters (first_seen_at DESC, id DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX dead_letters_reason_idx ON dead_letters (reason, first_seen_at DESC, id DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX dead_letters_acquirer_idx ON dead_letters (acquirer_id, business_date, first_seen_at DESC, id DESC)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS dead_letters`);
  }
}
