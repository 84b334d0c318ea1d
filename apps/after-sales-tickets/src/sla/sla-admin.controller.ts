import {
  Body,
  ConflictException,
  Controller,
  Delete,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  ParseIntPipe,
  Put,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { calendarIssues, HolidaySchedule } from '@merchant-pulse/business-calendar';
import { API_KEY_SECURITY_SCHEME, ApiStandardErrors, RequireScopes } from '@merchant-pulse/http';
import { SlaConfigRepository, SlaConfigSnapshot, StoredCalendar } from './calendars/sla-config.repository';
import { SlaSetupCache } from './calendars/sla-setup.cache';
import {
  CalendarDto,
  HolidayScheduleDto,
  invalid,
  PolicyDto,
  RuleDto,
  TeamCalendarDto,
} from './dto/sla-config.dto';
import { DEFAULT_POLICY_ID, policyIssues, SlaPolicy, SlaRule } from './policies/sla-policy';

const ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const RULE_FIELDS = ['categories', 'channels', 'valueTiers', 'behaviourTiers', 'riskBands', 'slaTiers'];

function checkId(id: string): void {
  if (!ID.test(id)) throw invalid(['id: must be lower-case letters, digits, ".", "_" or "-" (≤ 64)']);
}

/** Postgres foreign-key violation: the row is still referenced (or references a missing one). */
function isForeignKeyViolation(e: unknown): boolean {
  return (e as { code?: string })?.code === '23503';
}

/** SLA configuration as data: calendars, holiday schedules, team calendars, policies and rules. */
@ApiTags('sla-admin')
@ApiBearerAuth(API_KEY_SECURITY_SCHEME)
@RequireScopes('tickets:admin')
@ApiStandardErrors()
@Controller('v1/sla')
export class SlaAdminController {
  constructor(
    private readonly config: SlaConfigRepository,
    private readonly cache: SlaSetupCache,
  ) {}

  @Get('config')
  @ApiOperation({ summary: 'Every calendar, holiday schedule, team calendar, policy and rule' })
  async all(): Promise<Omit<SlaConfigSnapshot, 'teamCalendars'> & { teamCalendars: Record<string, string> }> {
    const s = await this.config.snapshot();
    return { ...s, teamCalendars: Object.fromEntries(s.teamCalendars) };
  }

  @Put('calendars/:id')
  @ApiOperation({ summary: 'Create or replace a business-hours (or 24x7) calendar' })
  async putCalendar(@Param('id') id: string, @Body() body: CalendarDto): Promise<StoredCalendar> {
    checkId(id);
    const calendar: StoredCalendar = { id, ...body, holidayRegion: body.holidayRegion ?? null };
    const issues = calendarIssues(calendar);
    if (issues.length > 0) throw invalid(issues);
    await this.config.upsertCalendar(calendar);
    this.cache.invalidate();
    return calendar;
  }

  @Delete('calendars/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a calendar no policy or team uses (409 while in use)' })
  async deleteCalendar(@Param('id') id: string): Promise<void> {
    await this.remove(() => this.config.deleteCalendar(id), `calendar ${id}`);
  }

  @Put('holiday-schedules/:region/:year')
  @ApiOperation({
    summary: "Create or replace one year of a region's public holidays and make-up working days",
  })
  async putSchedule(
    @Param('region') region: string,
    @Param('year', ParseIntPipe) year: number,
    @Body() body: HolidayScheduleDto,
  ): Promise<HolidaySchedule> {
    const issues: string[] = [];
    if (!/^[A-Z]{2}$/.test(region)) issues.push('region: must be two upper-case letters');
    if (year < 2000 || year > 2100) issues.push('year: must be between 2000 and 2100');
    const outside = [...body.holidays, ...body.workdays].filter((d) => !d.startsWith(`${year}-`));
    if (outside.length > 0) issues.push(`holidays: dates outside ${year}: ${outside.join(', ')}`);
    if (issues.length > 0) throw invalid(issues);
    const schedule = { region, year, ...body };
    await this.config.upsertSchedule(schedule);
    this.cache.invalidate();
    return schedule;
  }

  @Put('team-calendars/:teamId')
  @ApiOperation({ summary: "Set the calendar a team's tickets count on" })
  async putTeamCalendar(
    @Param('teamId') teamId: string,
    @Body() body: TeamCalendarDto,
  ): Promise<TeamCalendarDto> {
    try {
      await this.config.setTeamCalendar(teamId, body.calendarId);
    } catch (e) {
      if (isForeignKeyViolation(e)) throw invalid([`calendarId: no calendar ${body.calendarId}`]);
      throw e;
    }
    this.cache.invalidate();
    return body;
  }

  @Put('policies/:id')
  @ApiOperation({
    summary: 'Create or replace an SLA policy (targets in business seconds per priority and kind)',
  })
  async putPolicy(@Param('id') id: string, @Body() body: PolicyDto): Promise<SlaPolicy> {
    checkId(id);
    const policy: SlaPolicy = {
      id,
      name: body.name,
      calendarId: body.calendarId ?? null,
      targets: body.targets as SlaPolicy['targets'],
      escalationLevels: body.escalationLevels ?? 2,
    };
    const issues = policyIssues(policy);
    if (issues.length > 0) throw invalid(issues);
    try {
      await this.config.upsertPolicy(policy);
    } catch (e) {
      if (isForeignKeyViolation(e)) throw invalid([`calendarId: no calendar ${policy.calendarId}`]);
      throw e;
    }
    this.cache.invalidate();
    return policy;
  }

  @Delete('policies/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a policy no rule uses (the default policy cannot be deleted)' })
  async deletePolicy(@Param('id') id: string): Promise<void> {
    if (id === DEFAULT_POLICY_ID) throw new ConflictException(`policy ${id} applies when no rule matches`);
    await this.remove(() => this.config.deletePolicy(id), `policy ${id}`);
  }

  @Put('rules/:id')
  @ApiOperation({ summary: 'Create or replace a selection rule (first enabled match by position wins)' })
  async putRule(@Param('id') id: string, @Body() body: RuleDto): Promise<SlaRule> {
    checkId(id);
    const issues = Object.entries(body.match)
      .filter(
        ([k, v]) => !RULE_FIELDS.includes(k) || !Array.isArray(v) || v.some((x) => typeof x !== 'string'),
      )
      .map(([k]) => `match.${k}: must be one of ${RULE_FIELDS.join(', ')} with a list of strings`);
    if (issues.length > 0) throw invalid(issues);
    const rule: SlaRule = { id, ...body };
    try {
      await this.config.upsertRule(rule);
    } catch (e) {
      if (isForeignKeyViolation(e)) throw invalid([`policyId: no policy ${body.policyId}`]);
      throw e;
    }
    this.cache.invalidate();
    return rule;
  }

  @Delete('rules/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a selection rule' })
  async deleteRule(@Param('id') id: string): Promise<void> {
    await this.remove(() => this.config.deleteRule(id), `rule ${id}`);
  }

  private async remove(work: () => Promise<boolean>, what: string): Promise<void> {
    try {
      if (!(await work())) throw new NotFoundException(`no ${what}`);
    } catch (e) {
      if (isForeignKeyViolation(e)) throw new ConflictException(`${what} is still in use`);
      throw e;
    }
    this.cache.invalidate();
  }
}
