import fc from 'fast-check';
import { BusinessCalendar, CalendarDefinition } from './business-calendar';
import { CN_2026 } from './cn-public-holidays';

const shift = (start: string, end: string) => [{ start, end }];
const definitions: CalendarDefinition[] = [
  {
    id: 'office',
    timezone: 'Asia/Shanghai',
    mode: 'business_hours',
    weeklyHours: {
      mon: shift('09:00', '18:00'),
      tue: shift('09:00', '18:00'),
      wed: shift('09:00', '18:00'),
      thu: shift('09:00', '18:00'),
      fri: shift('09:00', '18:00'),
    },
    holidayRegion: 'CN',
  },
  {
    id: 'split-shift-weekend',
    timezone: 'Asia/Shanghai',
    mode: 'business_hours',
    weeklyHours: {
      sat: [
        { start: '08:30', end: '12:00' },
        { start: '13:30', end: '22:00' },
      ],
      sun: shift('10:00', '24:00'),
      wed: shift('00:00', '06:15'),
    },
    holidayRegion: 'CN',
  },
  {
    id: 'new-york',
    timezone: 'America/New_York',
    mode: 'business_hours',
    weeklyHours: { mon: shift('08:00', '20:00'), thu: shift('01:00', '03:30') },
  },
  { id: '24x7', timezone: 'Asia/Shanghai', mode: '24x7', weeklyHours: {} },
];
const calendars = definitions.map((d) => BusinessCalendar.compile(d, [CN_2026]));

const calendar = fc.constantFrom(...calendars);
// Instants across 2026 (holidays, make-up days, a DST change in New York), at ms resolution.
const instant = fc.integer({
  min: Date.parse('2025-12-20T00:00:00Z'),
  max: Date.parse('2026-12-31T00:00:00Z'),
});
// Up to ~3 weeks of business time.
const duration = fc.integer({ min: 0, max: 21 * 24 * 3_600_000 });

describe('BusinessCalendar properties', () => {
  it('should compose additions when a duration is split in two', () => {
    fc.assert(
      fc.property(calendar, instant, duration, duration, (cal, t, a, b) => {
        expect(cal.add(t, a + b)).toBe(cal.add(cal.add(t, a), b));
      }),
    );
  });

  it('should measure back exactly the business time it added', () => {
    fc.assert(
      fc.property(calendar, instant, duration, (cal, t, n) => {
        expect(cal.between(t, cal.add(t, n))).toBe(n);
      }),
    );
  });

  it('should never count more than the wall-clock time between two instants and add monotonically', () => {
    fc.assert(
      fc.property(calendar, instant, instant, duration, (cal, x, y, n) => {
        const [a, b] = x <= y ? [x, y] : [y, x];
        const counted = cal.between(a, b);
        expect(counted).toBeGreaterThanOrEqual(0);
        expect(counted).toBeLessThanOrEqual(b - a);
        expect(cal.add(a, n)).toBeGreaterThanOrEqual(a + n);
        expect(cal.add(a, n + 1)).toBeGreaterThan(cal.add(a, n));
      }),
    );
  });

  it('should split the time between two instants at any point in between', () => {
    fc.assert(
      fc.property(calendar, instant, instant, instant, (cal, x, y, z) => {
        const [a, m, b] = [x, y, z].sort((p, q) => p - q);
        expect(cal.between(a, b)).toBe(cal.between(a, m) + cal.between(m, b));
      }),
    );
  });
});
