// Bulk seeding for the churn rescoring benchmark: set-based SQL only (no per-row round trips).
import { DataSource } from 'typeorm';

const SEED_SLICE = 10_000;

/**
 * Seeds `merchants` merchants with 84 days of daily activity ending on `asOfDate` (rows only on
 * active days). Each merchant has its own activity rate; a quarter of them slow down and stop at a
 * random day, so the rescoring sees every tier.
 */
export async function seedBenchActivity(
  ds: DataSource,
  merchants: number,
  asOfDate: string,
): Promise<number> {
  await ds.query(
    `INSERT INTO merchants (merchant_id)
     SELECT 'B' || lpad(i::text, 7, '0') FROM generate_series(1, $1) i`,
    [merchants],
  );
  // In slices of SEED_SLICE merchants: one statement for 100,000 merchants (≈ 5 M rows) can outlast the
  // services' 30 s statement timeout on a loaded machine.
  for (let from = 1; from <= merchants; from += SEED_SLICE) {
    await ds.query(
      `INSERT INTO merchant_daily_activity (merchant_id, activity_date, as_of, approved_count, declined_count,
         approved_amount_minor, net_amount_minor, fee_minor, card_read_failure_count)
       SELECT m.id, $2::date - d, ($2::date - d + 1)::timestamptz, c, c / 20, c * 4800, c * 4800, c * 29, c / 50
       FROM (SELECT 'B' || lpad(i::text, 7, '0') AS id, 0.2 + (i % 17) / 17.0 AS p,
                    CASE WHEN i % 4 = 0 THEN (i * 7919) % 80 ELSE -1 END AS stop_before
             FROM generate_series($3::int, $1::int) i) m
       CROSS JOIN generate_series(0, 83) d
       CROSS JOIN LATERAL (SELECT 1 + (random() * 30)::int AS c) x
       WHERE random() < m.p AND d > m.stop_before`,
      [Math.min(merchants, from + SEED_SLICE - 1), asOfDate, from],
    );
  }
  await ds.query('ANALYZE merchants');
  await ds.query('ANALYZE merchant_daily_activity');
  const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM merchant_daily_activity`);
  return n;
}
