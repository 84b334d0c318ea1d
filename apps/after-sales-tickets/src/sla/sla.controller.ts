import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Clock } from '@merchant-pulse/clock';
import { API_KEY_SECURITY_SCHEME, ApiStandardErrors, RequireScopes } from '@merchant-pulse/http';
import { SlaSetupCache } from './calendars/sla-setup.cache';
import { elapsedAt } from './clocks/sla-clock';
import { SlaStateRepository } from './clocks/sla-state.repository';
import { SlaReportQueryDto } from './dto/sla-config.dto';
import { SlaReport, SlaReportRepository } from './reports/sla-report.repository';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** A ticket's SLA state and SLA reports. */
@ApiTags('sla')
@ApiBearerAuth(API_KEY_SECURITY_SCHEME)
@RequireScopes('tickets:read')
@ApiStandardErrors()
@Controller('v1')
export class SlaController {
  constructor(
    private readonly state: SlaStateRepository,
    private readonly setup: SlaSetupCache,
    private readonly reports: SlaReportRepository,
    private readonly clock: Clock,
  ) {}

  @Get('tickets/:ticketId/sla')
  @ApiOperation({
    summary:
      "A ticket's SLA: policy, priority and the rule that chose them; per kind the target, business time elapsed, state, due time, warning and breach level",
  })
  async ticketSla(@Param('ticketId') ticketId: string): Promise<Record<string, unknown>> {
    const ticket = await this.state.findTicket(ticketId);
    if (!ticket) throw new NotFoundException(`no SLA state for ticket ${ticketId}`);
    const setup = await this.setup.get();
    const calendar = setup.calendarFor(ticket.policyId, ticket.teamId);
    const now = this.clock.now();
    const clocks = await this.state.clocks(this.state.ds, ticketId);
    return {
      ticketId,
      policyId: ticket.policyId,
      priority: ticket.priority,
      rule: ticket.rule,
      teamId: ticket.teamId,
      calendarId: calendar.definition.id,
      status: ticket.status,
      clocks: clocks.map((c) => ({
        kind: c.kind,
        state: c.state,
        targetSeconds: c.targetMs / 1000,
        elapsedSeconds: Math.floor(elapsedAt(c, calendar, now) / 1000),
        dueAt: iso(c.dueAt),
        warnAt: iso(c.warnAt),
        pausedAt: iso(c.pausedAt),
        metAt: iso(c.metAt),
        warned: c.warnedAt !== null,
        warnedAt: iso(c.warnedAt),
        breached: c.level > 0,
        breachedAt: iso(c.breachedAt),
        level: c.level,
      })),
    };
  }

  @Get('sla/summary')
  @ApiOperation({
    summary:
      'The SLA report over every ticket opened up to now on the service clock (attainment, median and p90 business hours, breaches): for dashboards and the demo',
  })
  summary(): Promise<SlaReport> {
    return this.reports.report(new Date(0), new Date(this.clock.nowMs() + 1), undefined);
  }

  @Get('sla/reports')
  @ApiOperation({
    summary:
      'SLA report over tickets opened in [from, to): median and p90 time to first response, next response and resolution in business hours, attainment %, breaches by kind and team',
  })
  @ApiOkResponse({ description: 'The report' })
  report(@Query() q: SlaReportQueryDto): Promise<SlaReport> {
    return this.reports.report(new Date(q.from), new Date(q.to), q.teamId);
  }
}
