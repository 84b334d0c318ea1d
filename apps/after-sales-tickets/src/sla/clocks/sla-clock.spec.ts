import { BusinessCalendar } from '@merchant-pulse/business-calendar';
import { CN_2026 } from '@merchant-pulse/business-calendar';
import { idleClock, meet, pause, resume, retarget, schedule, start } from './sla-clock';

const nineToSix = [{ start: '09:00', end: '18:00' }];
const office = BusinessCalendar.compile(
  {
    id: 'office',
    timezone: 'Asia/Shanghai',
    mode: 'business_hours',
    weeklyHours: { mon: nineToSix, tue: nineToSix, wed: nineToSix, thu: nineToSix, fri: nineToSix },
    holidayRegion: 'CN',
  },
  [CN_2026],
);
const H = 3_600_000;
const d = (iso: string) => new Date(iso);

describe('SLA clock', () => {
  it('should warn at 75% and breach at 100% of the target in business time when running', () => {
    // Opened Fri 2026-03-06 16:00 Shanghai (08:00Z), 4 h target: 2 h Friday, then Monday 09:00 + 2 h.
    const c = schedule(start(idleClock('T1', 'resolution', 4 * H), d('2026-03-06T08:00:00Z')), office, 2);
    expect(c.nextStage).toBe('warn');
    expect(c.nextFireAt).toEqual(d('2026-03-09T02:00:00Z')); // 3 h in: Mon 10:00
    expect(c.dueAt).toEqual(d('2026-03-09T03:00:00Z')); // Mon 11:00
    expect(c.version).toBe(1);
  });

  it('should push the due time by the paused span when paused and resumed', () => {
    const opened = schedule(
      start(idleClock('T1', 'resolution', 4 * H), d('2026-03-09T01:00:00Z')),
      office,
      2,
    );
    expect(opened.dueAt).toEqual(d('2026-03-09T05:00:00Z')); // Mon 09:00 + 4 h
    const paused = schedule(pause(opened, office, d('2026-03-09T02:00:00Z')), office, 2);
    expect(paused.elapsedMs).toBe(H);
    expect(paused.nextFireAt).toBeNull();
    const resumed = schedule(resume(paused, d('2026-03-10T01:00:00Z')), office, 2); // Tue 09:00
    expect(resumed.dueAt).toEqual(d('2026-03-10T04:00:00Z')); // 3 h left → Tue 12:00
    expect(resumed.version).toBe(3);
  });

  it('should schedule the next breach level after a breach and nothing after the last level', () => {
    const base = schedule(start(idleClock('T1', 'first_response', H), d('2026-03-09T01:00:00Z')), office, 2);
    const warned = schedule({ ...base, warnedAt: d('2026-03-09T01:45:00Z') }, office, 2);
    expect(warned.nextStage).toBe('breach');
    const breached = schedule({ ...warned, level: 1 }, office, 2);
    expect(breached.nextStage).toBe('breach');
    expect(breached.nextFireAt).toEqual(d('2026-03-09T03:00:00Z')); // level 2 after two targets
    expect(schedule({ ...breached, level: 2 }, office, 2).nextStage).toBeNull();
  });

  it('should fire at once when a lower target has already passed', () => {
    const running = start(idleClock('T1', 'resolution', 8 * H), d('2026-03-09T01:00:00Z'));
    const at = d('2026-03-09T06:00:00Z'); // 5 h in
    const c = schedule(retarget(running, office, at, 2 * H), office, 2);
    expect(c.nextStage).toBe('warn');
    expect(c.nextFireAt).toEqual(at);
  });

  it('should keep the breached target when an escalation raises the priority', () => {
    const running = start(idleClock('T1', 'first_response', 4 * H), d('2026-03-09T01:00:00Z'));
    const at = d('2026-03-09T05:10:00Z'); // 4 h 10 min in: breached at level 1
    const breached = { ...running, level: 1, warnedAt: d('2026-03-09T04:00:00Z') };
    const c = schedule(retarget(breached, office, at, H), office, 3);
    expect(c.targetMs).toBe(4 * H);
    expect(c.nextStage).toBe('breach');
    expect(c.nextFireAt).toEqual(d('2026-03-09T09:00:00Z')); // level 2 at 8 business hours, not at once
  });

  it('should stop timers when met and restart a fresh next-response clock', () => {
    const running = start(idleClock('T1', 'next_response', H), d('2026-03-09T01:00:00Z'));
    const met = schedule(meet(running, office, d('2026-03-09T01:30:00Z')), office, 2);
    expect(met.state).toBe('met');
    expect(met.elapsedMs).toBe(H / 2);
    expect(met.nextFireAt).toBeNull();
    const again = start(
      { ...met, level: 1, warnedAt: d('2026-03-09T01:20:00Z') },
      d('2026-03-09T03:00:00Z'),
      true,
    );
    expect(again).toMatchObject({ state: 'running', elapsedMs: 0, level: 0, warnedAt: null });
  });
});
