import type { HolidaySchedule } from './business-calendar';
import { addLocalDays } from './zoned-time';

function range(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addLocalDays(d, 1)) out.push(d);
  return out;
}

/**
 * Mainland China's public holidays and make-up working days (调休) of 2026, as the State Council
 * published them: 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04, Xinhua; e.g.
 * https://politics.gmw.cn/2025-11/04/content_38391083.htm). Later years are added as data through
 * `PUT /v1/sla/holiday-schedules/CN/<year>` once published (usually each November).
 */
export const CN_2026: HolidaySchedule = {
  region: 'CN',
  year: 2026,
  holidays: [
    ...range('2026-01-01', '2026-01-03'), // 元旦
    ...range('2026-02-15', '2026-02-23'), // 春节
    ...range('2026-04-04', '2026-04-06'), // 清明节
    ...range('2026-05-01', '2026-05-05'), // 劳动节
    ...range('2026-06-19', '2026-06-21'), // 端午节
    ...range('2026-09-25', '2026-09-27'), // 中秋节
    ...range('2026-10-01', '2026-10-07'), // 国庆节
  ],
  workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  source:
    '国务院办公厅关于2026年部分节假日安排的通知 (State Council General Office, 2025-11-04; Xinhua, politics.gmw.cn/2025-11/04/content_38391083.htm)',
};

/** The schedules shipped with the code (seeded into the SLA engine's tables by its migration). */
export const CN_PUBLIC_HOLIDAYS: readonly HolidaySchedule[] = [CN_2026];
