import { BusinessCalendar, CN_2026 } from '@merchant-pulse/business-calendar';
import type { Logger } from '@merchant-pulse/observability';
import { idleClock, schedule, start } from '../clocks/sla-clock';
import type { SlaMetrics } from '../sla.metrics';
import { HolidayCoverage } from './holiday-coverage';

const office = { start: '09:00', end: '18:00' };
const calendar = BusinessCalendar.compile(
  {
    id: 'cn',
    timezone: 'Asia/Shanghai',
    mode: 'business_hours',
    weeklyHours: { mon: [office], tue: [office], wed: [office], thu: [office], fri: [office] },
    holidayRegion: 'CN',
  },
  [CN_2026],
);
const H = 3_600_000;
const clock = (ticketId: string, openedAt: string, targetMs: number) =>
  schedule(start(idleClock(ticketId, 'resolution', targetMs), new Date(openedAt)), calendar, 1);

describe(HolidayCoverage.name, () => {
  const counted: Array<Record<string, string>> = [];
  const warnings: unknown[] = [];
  const metrics = { holidayScheduleMissing: { inc: (l: Record<string, string>) => counted.push(l) } };
  const logger = { warn: (...args: unknown[]) => warnings.push(args) };
  const coverage = new HolidayCoverage(metrics as unknown as SlaMetrics, logger as unknown as Logger);

  it('should count every clock due in a year without a schedule and warn once per region and year', () => {
    coverage.check(calendar, [clock('A', '2026-12-30T02:00:00Z', 2 * H)]);
    expect(counted).toEqual([]);
    coverage.check(calendar, [
      clock('B', '2026-12-31T02:00:00Z', 27 * H),
      clock('C', '2026-12-31T02:00:00Z', 9 * H),
    ]);
    expect(counted).toEqual([
      { region: 'CN', year: '2027' },
      { region: 'CN', year: '2027' },
    ]);
    expect(warnings).toHaveLength(1);
    expect(coverage.reported()).toEqual(['CN/2027']);
  });
});
