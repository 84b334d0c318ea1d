import { MigrationInterface, QueryRunner } from 'typeorm';

const SAFE = '9007199254740991';

/**
 * Refunds and reversals that arrive before their original are parked until it does
 * (`awaiting_original`, null for rows parked for an unknown merchant); each purchase keeps the sum of
 * its approved refunds (`refunded_minor`) so refunds can never exceed it; a merchant-day's totals stay
 * below 2^53, so every MerchantDailyActivity snapshot holds exact JSON integers (a chunk that would
 * pass it fails with a check violation, a data error: the offending message is isolated and
 * dead-lettered, nothing else is lost).
 */
export class RefundsAwaitingOriginals1764600000100 implements MigrationInterface {
  name = 'RefundsAwaitingOriginals1764600000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE transactions ADD COLUMN refunded_minor bigint NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE parked_transactions ADD COLUMN awaiting_original text`);
    await q.query(
      `CREATE INDEX parked_transactions_awaiting_idx ON parked_transactions (acquirer_id, awaiting_original)
         WHERE awaiting_original IS NOT NULL`,
    );
    await q.query(
      `ALTER TABLE daily_activity ADD CONSTRAINT daily_activity_exact_totals CHECK (
         approved_amount_minor <= ${SAFE} AND refund_amount_minor <= ${SAFE}
         AND reversal_amount_minor <= ${SAFE} AND fee_minor <= ${SAFE}
         AND approved_amount_minor - refund_amount_minor - reversal_amount_minor >= -${SAFE})`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE daily_activity DROP CONSTRAINT daily_activity_exact_totals`);
    await q.query(`DROP INDEX parked_transactions_awaiting_idx`);
    await q.query(`ALTER TABLE parked_transactions DROP COLUMN awaiting_original`);
    await q.query(`ALTER TABLE transactions DROP COLUMN refunded_minor`);
  }
}
