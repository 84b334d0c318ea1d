import { Injectable } from '@nestjs/common';
import { BusinessCalendar } from '@merchant-pulse/business-calendar';
import type { HolidaySchedule } from '@merchant-pulse/business-calendar';
import { AfterSalesTicketsConfig } from '../../config/after-sales-tickets.config';
import { DEFAULT_CALENDAR_ID } from '../policies/default-sla-setup';
import type { SlaPolicy, SlaRule } from '../policies/sla-policy';
import { readHolidayScheduleFile } from './holiday-schedule.file';
import { SlaConfigRepository } from './sla-config.repository';

/** How long a configuration snapshot is reused (other replicas see an edit within this). */
const TTL_MS = 5_000;

/** The SLA configuration compiled for use: calendars ready for arithmetic, policies by id. */
export class SlaSetupView {
  constructor(
    readonly calendars: ReadonlyMap<string, BusinessCalendar>,
    readonly teamCalendars: ReadonlyMap<string, string>,
    readonly policies: ReadonlyMap<string, SlaPolicy>,
    readonly rules: readonly SlaRule[],
  ) {}

  /** The calendar a policy counts on for a team: the policy's own, else the team's, else the default. */
  calendarFor(policyId: string, teamId: string): BusinessCalendar {
    const policy = this.policy(policyId);
    const id = policy.calendarId ?? this.teamCalendars.get(teamId) ?? DEFAULT_CALENDAR_ID;
    const calendar = this.calendars.get(id) ?? this.calendars.get(DEFAULT_CALENDAR_ID);
    if (!calendar) throw new Error(`SLA calendar "${id}" is missing`);
    return calendar;
  }

  policy(id: string): SlaPolicy {
    const policy = this.policies.get(id);
    if (!policy) throw new Error(`SLA policy "${id}" is missing`);
    return policy;
  }
}

/** The compiled configuration, reloaded after a short TTL or at once after an edit through this process. */
@Injectable()
export class SlaSetupCache {
  private view?: Promise<SlaSetupView>;
  private loadedAt = 0;
  /** Schedules of HOLIDAY_SCHEDULES_FILE, read (and checked) once at boot. */
  private readonly fileSchedules: readonly HolidaySchedule[];

  constructor(
    private readonly repository: SlaConfigRepository,
    config: AfterSalesTicketsConfig,
  ) {
    this.fileSchedules = config.HOLIDAY_SCHEDULES_FILE
      ? readHolidayScheduleFile(config.HOLIDAY_SCHEDULES_FILE)
      : [];
  }

  get(): Promise<SlaSetupView> {
    if (!this.view || Date.now() - this.loadedAt > TTL_MS) {
      this.loadedAt = Date.now();
      this.view = this.load().catch((e: unknown) => {
        this.view = undefined;
        throw e;
      });
    }
    return this.view;
  }

  invalidate(): void {
    this.view = undefined;
  }

  private async load(): Promise<SlaSetupView> {
    const s = await this.repository.snapshot();
    const key = (h: HolidaySchedule) => `${h.region}/${h.year}`;
    const fromFile = new Set(this.fileSchedules.map(key));
    const schedules = [...s.schedules.filter((h) => !fromFile.has(key(h))), ...this.fileSchedules];
    const calendars = new Map(s.calendars.map((c) => [c.id, BusinessCalendar.compile(c, schedules)]));
    return new SlaSetupView(calendars, s.teamCalendars, new Map(s.policies.map((p) => [p.id, p])), s.rules);
  }
}
