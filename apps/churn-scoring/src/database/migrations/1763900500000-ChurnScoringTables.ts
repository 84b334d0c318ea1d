import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Churn-scoring state: daily activity snapshots (latest asOf wins), merchants, terminal health,
 * tickets, current risk + its change history, and versioned BG/NBD population models.
 */
export class ChurnScoringTables1763900500000 implements MigrationInterface {
  name = 'ChurnScoringTables1763900500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE merchants (
         merchant_id text PRIMARY KEY,
         status text,
         status_changed_at timestamptz,
         first_seen_at timestamptz NOT NULL DEFAULT now()
       )`,
      `CREATE TABLE merchant_daily_activity (
         merchant_id text NOT NULL,
         activity_date date NOT NULL,
         as_of timestamptz NOT NULL,
         approved_count integer NOT NULL,
         declined_count integer NOT NULL,
         approved_amount_minor bigint NOT NULL,
         net_amount_minor bigint NOT NULL,
         fee_minor bigint NOT NULL,
         card_read_failure_count integer NOT NULL,
         last_approved_at timestamptz,
         PRIMARY KEY (merchant_id, activity_date)
       )`,
      `CREATE TABLE terminals (
         terminal_id text PRIMARY KEY,
         merchant_id text NOT NULL,
         serial_number text,
         status text,
         status_changed_at timestamptz
       )`,
      `CREATE TABLE terminal_health (
         terminal_id text NOT NULL,
         kind text NOT NULL,
         merchant_id text NOT NULL,
         degraded boolean NOT NULL,
         since timestamptz NOT NULL,
         observed_at timestamptz NOT NULL,
         PRIMARY KEY (terminal_id, kind)
       )`,
      `CREATE INDEX terminal_health_merchant_idx ON terminal_health (merchant_id) WHERE degraded`,
      `CREATE TABLE tickets (
         ticket_id text PRIMARY KEY,
         merchant_id text NOT NULL,
         category text NOT NULL,
         status text NOT NULL,
         opened_at timestamptz NOT NULL,
         status_changed_at timestamptz NOT NULL,
         sla_breached boolean NOT NULL DEFAULT false
       )`,
      `CREATE INDEX tickets_open_merchant_idx ON tickets (merchant_id) WHERE status NOT IN ('resolved', 'closed')`,
      `CREATE TABLE merchant_risk (
         merchant_id text PRIMARY KEY,
         score smallint NOT NULL,
         score_band text NOT NULL,
         behaviour_tier text NOT NULL,
         value_tier text NOT NULL,
         reactivated_on date,
         p_alive double precision,
         reasons jsonb NOT NULL,
         reason_codes text[] NOT NULL,
         model_version text NOT NULL,
         as_of_date date NOT NULL,
         scored_at timestamptz NOT NULL,
         trailing_90d_fee_minor bigint NOT NULL
       )`,
      `CREATE INDEX merchant_risk_rank_idx ON merchant_risk (score DESC, merchant_id)`,
      `CREATE INDEX merchant_risk_tier_idx ON merchant_risk (behaviour_tier, value_tier, score DESC, merchant_id)`,
      `CREATE INDEX merchant_risk_reasons_idx ON merchant_risk USING gin (reason_codes)`,
      `CREATE TABLE merchant_risk_history (
         id bigserial PRIMARY KEY,
         merchant_id text NOT NULL,
         score smallint NOT NULL,
         score_band text NOT NULL,
         behaviour_tier text NOT NULL,
         value_tier text NOT NULL,
         reasons jsonb NOT NULL,
         model_version text NOT NULL,
         as_of_date date NOT NULL,
         scored_at timestamptz NOT NULL
       )`,
      `CREATE INDEX merchant_risk_history_merchant_idx ON merchant_risk_history (merchant_id, id DESC)`,
      `CREATE TABLE model_versions (
         version text PRIMARY KEY,
         kind text NOT NULL DEFAULT 'bgnbd',
         source text NOT NULL,
         params jsonb NOT NULL,
         diagnostics jsonb NOT NULL,
         as_of_date date NOT NULL,
         fitted_at timestamptz NOT NULL,
         is_current boolean NOT NULL DEFAULT false
       )`,
      `CREATE UNIQUE INDEX model_versions_current_idx ON model_versions (is_current) WHERE is_current`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'model_versions',
      'merchant_risk_history',
      'merchant_risk',
      'tickets',
      'terminal_health',
      'terminals',
      'merchant_daily_activity',
      'merchants',
    ])
      await queryRunner.query(`DROP TABLE IF EXISTS ${table}`);
  }
}
