import { CN_PUBLIC_HOLIDAYS } from '@merchant-pulse/business-calendar';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { DEFAULT_SLA_SETUP } from '../../sla/policies/default-sla-setup';

/**
 * The SLA engine's tables: configuration as data (business-hours calendars, public holiday schedules,
 * team → calendar, policies with targets per priority, selection rules) and per-ticket state (one
 * clock per SLA kind, breaches). Seeds the default calendars, the CN holiday schedules shipped with
 * the code, two policies and the selection rules.
 */
export class SlaEngine1797300000000 implements MigrationInterface {
  name = 'SlaEngine1797300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sla_calendars (
        id text PRIMARY KEY,
        name text NOT NULL,
        timezone text NOT NULL,
        mode text NOT NULL CHECK (mode IN ('business_hours', '24x7')),
        weekly_hours jsonb NOT NULL DEFAULT '{}',
        holiday_region text,
        holidays jsonb NOT NULL DEFAULT '[]',
        workdays jsonb NOT NULL DEFAULT '[]',
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE sla_holiday_schedules (
        region text NOT NULL,
        year int NOT NULL,
        holidays jsonb NOT NULL,
        workdays jsonb NOT NULL,
        source text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (region, year)
      )`);
    await q.query(`
      CREATE TABLE sla_team_calendars (
        team_id text PRIMARY KEY,
        calendar_id text NOT NULL REFERENCES sla_calendars (id)
      )`);
    await q.query(`
      CREATE TABLE sla_policies (
        id text PRIMARY KEY,
        name text NOT NULL,
        calendar_id text REFERENCES sla_calendars (id),
        targets jsonb NOT NULL,
        escalation_levels int NOT NULL DEFAULT 2 CHECK (escalation_levels BETWEEN 1 AND 10),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE sla_rules (
        id text PRIMARY KEY,
        position int NOT NULL,
        description text NOT NULL,
        match jsonb NOT NULL DEFAULT '{}',
        policy_id text NOT NULL REFERENCES sla_policies (id),
        min_priority text,
        enabled boolean NOT NULL DEFAULT true,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE ticket_sla (
        ticket_id text PRIMARY KEY,
        merchant_id text NOT NULL,
        category text NOT NULL,
        channel text NOT NULL,
        team_id text NOT NULL,
        policy_id text NOT NULL,
        priority text NOT NULL,
        rule text NOT NULL,
        status text NOT NULL,
        opened_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE sla_clocks (
        ticket_id text NOT NULL REFERENCES ticket_sla (ticket_id) ON DELETE CASCADE,
        kind text NOT NULL,
        state text NOT NULL CHECK (state IN ('idle', 'running', 'paused', 'met', 'stopped')),
        target_ms bigint NOT NULL,
        elapsed_ms bigint NOT NULL DEFAULT 0,
        running_since timestamptz,
        paused_at timestamptz,
        started_at timestamptz,
        met_at timestamptz,
        due_at timestamptz,
        warn_at timestamptz,
        warned_at timestamptz,
        breached_at timestamptz,
        level int NOT NULL DEFAULT 0,
        next_stage text,
        next_fire_at timestamptz,
        version int NOT NULL DEFAULT 0,
        PRIMARY KEY (ticket_id, kind)
      )`);
    await q.query(
      `CREATE INDEX sla_clocks_next_fire_idx ON sla_clocks (next_fire_at) WHERE next_fire_at IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE sla_breaches (
        ticket_id text NOT NULL REFERENCES ticket_sla (ticket_id) ON DELETE CASCADE,
        kind text NOT NULL,
        level int NOT NULL,
        team_id text NOT NULL,
        priority text NOT NULL,
        due_at timestamptz NOT NULL,
        breached_at timestamptz NOT NULL,
        escalated_at timestamptz,
        PRIMARY KEY (ticket_id, kind, level)
      )`);
    await q.query(
      `CREATE INDEX sla_breaches_unescalated_idx ON sla_breaches (breached_at) WHERE escalated_at IS NULL`,
    );
    await q.query(`CREATE INDEX sla_breaches_breached_at_idx ON sla_breaches (breached_at)`);
    await this.seed(q);
  }

  private async seed(q: QueryRunner): Promise<void> {
    for (const s of CN_PUBLIC_HOLIDAYS) {
      await q.query(
        `INSERT INTO sla_holiday_schedules (region, year, holidays, workdays, source) VALUES ($1, $2, $3, $4, $5)`,
        [s.region, s.year, JSON.stringify(s.holidays), JSON.stringify(s.workdays), s.source],
      );
    }
    const { calendars, policies, rules } = DEFAULT_SLA_SETUP;
    for (const c of calendars) {
      await q.query(
        `INSERT INTO sla_calendars (id, name, timezone, mode, weekly_hours, holiday_region) VALUES ($1, $2, $3, $4, $5, $6)`,
        [c.id, c.name, c.timezone, c.mode, JSON.stringify(c.weeklyHours), c.holidayRegion ?? null],
      );
    }
    for (const p of policies) {
      await q.query(
        `INSERT INTO sla_policies (id, name, calendar_id, targets, escalation_levels) VALUES ($1, $2, $3, $4, $5)`,
        [p.id, p.name, p.calendarId, JSON.stringify(p.targets), p.escalationLevels],
      );
    }
    for (const r of rules) {
      await q.query(
        `INSERT INTO sla_rules (id, position, description, match, policy_id, min_priority) VALUES ($1, $2, $3, $4, $5, $6)`,
        [r.id, r.position, r.description, JSON.stringify(r.match), r.policyId, r.minPriority ?? null],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'sla_breaches',
      'sla_clocks',
      'ticket_sla',
      'sla_rules',
      'sla_policies',
      'sla_team_calendars',
      'sla_holiday_schedules',
      'sla_calendars',
    ])
      await q.query(`DROP TABLE IF EXISTS ${t}`);
  }
}
