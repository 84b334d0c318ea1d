import { Injectable } from '@nestjs/common';
import type { CalendarDefinition, HolidaySchedule, WeeklyHours } from '@merchant-pulse/business-calendar';
import type { TicketPriority } from '@merchant-pulse/contracts';
import { DataSource, EntityManager } from 'typeorm';
import type { SlaPolicy, SlaRule } from '../policies/sla-policy';

interface CalendarRow {
  id: string;
  name: string;
  timezone: string;
  mode: CalendarDefinition['mode'];
  weekly_hours: WeeklyHours;
  holiday_region: string | null;
  holidays: string[];
  workdays: string[];
}
interface PolicyRow {
  id: string;
  name: string;
  calendar_id: string | null;
  targets: SlaPolicy['targets'];
  escalation_levels: number;
}
interface RuleRow {
  id: string;
  position: number;
  description: string;
  match: SlaRule['match'];
  policy_id: string;
  min_priority: TicketPriority | null;
  enabled: boolean;
}
interface ScheduleRow {
  region: string;
  year: number;
  holidays: string[];
  workdays: string[];
  source: string;
}

/** A stored calendar (a definition plus its display name). */
export type StoredCalendar = CalendarDefinition & { name: string };

/** Everything the engine reads of the SLA configuration, in one snapshot. */
export interface SlaConfigSnapshot {
  calendars: StoredCalendar[];
  schedules: HolidaySchedule[];
  teamCalendars: Map<string, string>;
  policies: SlaPolicy[];
  rules: SlaRule[];
}

const toCalendar = (r: CalendarRow): StoredCalendar => ({
  id: r.id,
  name: r.name,
  timezone: r.timezone,
  mode: r.mode,
  weeklyHours: r.weekly_hours,
  holidayRegion: r.holiday_region,
  holidays: r.holidays,
  workdays: r.workdays,
});
const toPolicy = (r: PolicyRow): SlaPolicy => ({
  id: r.id,
  name: r.name,
  calendarId: r.calendar_id,
  targets: r.targets,
  escalationLevels: r.escalation_levels,
});
const toRule = (r: RuleRow): SlaRule => ({
  id: r.id,
  position: r.position,
  description: r.description,
  match: r.match,
  policyId: r.policy_id,
  minPriority: r.min_priority,
  enabled: r.enabled,
});
const toSchedule = (r: ScheduleRow): HolidaySchedule => ({
  region: r.region,
  year: r.year,
  holidays: r.holidays,
  workdays: r.workdays,
  source: r.source,
});

/** SLA configuration as data: calendars, holiday schedules, team calendars, policies and rules. */
@Injectable()
export class SlaConfigRepository {
  constructor(private readonly ds: DataSource) {}

  async snapshot(): Promise<SlaConfigSnapshot> {
    const [calendars, schedules, teams, policies, rules] = await Promise.all([
      this.ds.query(`SELECT * FROM sla_calendars ORDER BY id`),
      this.ds.query(`SELECT * FROM sla_holiday_schedules ORDER BY region, year`),
      this.ds.query(`SELECT * FROM sla_team_calendars`),
      this.ds.query(`SELECT * FROM sla_policies ORDER BY id`),
      this.ds.query(`SELECT * FROM sla_rules ORDER BY position, id`),
    ]);
    return {
      calendars: calendars.map(toCalendar),
      schedules: schedules.map(toSchedule),
      teamCalendars: new Map(
        teams.map((r: { team_id: string; calendar_id: string }) => [r.team_id, r.calendar_id]),
      ),
      policies: policies.map(toPolicy),
      rules: rules.map(toRule),
    };
  }

  async upsertCalendar(c: StoredCalendar): Promise<void> {
    await this.ds.query(
      `INSERT INTO sla_calendars (id, name, timezone, mode, weekly_hours, holiday_region, holidays, workdays, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
       ON CONFLICT (id) DO UPDATE SET name = $2, timezone = $3, mode = $4, weekly_hours = $5,
         holiday_region = $6, holidays = $7, workdays = $8, updated_at = now()`,
      [
        c.id,
        c.name,
        c.timezone,
        c.mode,
        JSON.stringify(c.weeklyHours),
        c.holidayRegion ?? null,
        JSON.stringify(c.holidays ?? []),
        JSON.stringify(c.workdays ?? []),
      ],
    );
  }

  /** Deletes a calendar no policy or team uses; false when it does not exist, throws when in use. */
  async deleteCalendar(id: string): Promise<boolean> {
    const rows = await this.ds.query(`DELETE FROM sla_calendars WHERE id = $1 RETURNING id`, [id]);
    return rows.length > 0;
  }

  async upsertSchedule(s: HolidaySchedule): Promise<void> {
    await this.ds.query(
      `INSERT INTO sla_holiday_schedules (region, year, holidays, workdays, source, updated_at)
       VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (region, year) DO UPDATE SET holidays = $3, workdays = $4, source = $5, updated_at = now()`,
      [s.region, s.year, JSON.stringify(s.holidays), JSON.stringify(s.workdays), s.source],
    );
  }

  async setTeamCalendar(teamId: string, calendarId: string): Promise<void> {
    await this.ds.query(
      `INSERT INTO sla_team_calendars (team_id, calendar_id) VALUES ($1, $2)
       ON CONFLICT (team_id) DO UPDATE SET calendar_id = $2`,
      [teamId, calendarId],
    );
  }

  async upsertPolicy(p: SlaPolicy): Promise<void> {
    await this.ds.query(
      `INSERT INTO sla_policies (id, name, calendar_id, targets, escalation_levels, updated_at)
       VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (id) DO UPDATE SET name = $2, calendar_id = $3, targets = $4, escalation_levels = $5, updated_at = now()`,
      [p.id, p.name, p.calendarId, JSON.stringify(p.targets), p.escalationLevels],
    );
  }

  async deletePolicy(id: string): Promise<boolean> {
    const rows = await this.ds.query(`DELETE FROM sla_policies WHERE id = $1 RETURNING id`, [id]);
    return rows.length > 0;
  }

  async upsertRule(r: SlaRule): Promise<void> {
    await this.ds.query(
      `INSERT INTO sla_rules (id, position, description, match, policy_id, min_priority, enabled, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now())
       ON CONFLICT (id) DO UPDATE SET position = $2, description = $3, match = $4, policy_id = $5,
         min_priority = $6, enabled = $7, updated_at = now()`,
      [
        r.id,
        r.position,
        r.description,
        JSON.stringify(r.match),
        r.policyId,
        r.minPriority ?? null,
        r.enabled !== false,
      ],
    );
  }

  async deleteRule(id: string): Promise<boolean> {
    const rows = await this.ds.query(`DELETE FROM sla_rules WHERE id = $1 RETURNING id`, [id]);
    return rows.length > 0;
  }

  /** For tests and tools that seed inside a transaction. */
  manager(): EntityManager {
    return this.ds.manager;
  }
}
