import { Inject, Injectable } from '@nestjs/common';
import type { BusinessCalendar } from '@merchant-pulse/business-calendar';
import { LOGGER, Logger } from '@merchant-pulse/observability';
import type { SlaClock } from '../clocks/sla-clock';
import { SlaMetrics } from '../sla.metrics';

/**
 * Reports SLA clocks whose due time runs into a year for which the calendar's holiday region has no
 * schedule loaded: there public holidays count as working days, so the due time may be too early.
 * Counted in `pulse_sla_holiday_schedule_missing_total{region,year}` for every such clock, and logged
 * as a warning once per region and year per process, saying how to load the schedule.
 */
@Injectable()
export class HolidayCoverage {
  private readonly warned = new Set<string>();

  constructor(
    private readonly metrics: SlaMetrics,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  check(calendar: BusinessCalendar, clocks: readonly SlaClock[]): void {
    const region = calendar.definition.holidayRegion;
    if (!region) return;
    for (const c of clocks) {
      if (!c.runningSince || !c.dueAt) continue;
      for (const year of calendar.yearsWithoutSchedule(c.runningSince.getTime(), c.dueAt.getTime())) {
        this.metrics.holidayScheduleMissing.inc({ region, year: String(year) });
        const key = `${region}/${year}`;
        if (this.warned.has(key)) continue;
        this.warned.add(key);
        this.logger.warn(
          { region, year, calendarId: calendar.definition.id, ticketId: c.ticketId, sla: c.kind },
          `SLA clock runs into ${year}, for which no ${region} public holiday schedule is loaded: its holidays ` +
            `count as working days. Load it with HOLIDAY_SCHEDULES_FILE or PUT /v1/sla/holiday-schedules/${region}/${year}`,
        );
      }
    }
  }

  /** `region/year` pairs reported since this process started. */
  reported(): string[] {
    return [...this.warned].sort();
  }
}
