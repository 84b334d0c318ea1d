import type { BusinessCalendar } from '@merchant-pulse/business-calendar';
import type { SlaKind } from '@merchant-pulse/contracts';

/** Share of a target at which the warning fires. */
export const WARN_AT_SHARE = 0.75;

/** The state of one SLA clock of a ticket. */
export type ClockState = 'idle' | 'running' | 'paused' | 'met' | 'stopped';
/** The next thing a clock's timer does. */
export type TimerStage = 'warn' | 'breach';

/**
 * One SLA clock (first response, next response or resolution) of a ticket. Elapsed time is business
 * time on the ticket's calendar: `elapsedMs` accumulated up to `runningSince`, plus the business time
 * since then while running. `version` changes at every recomputation; timers carry it, so a timer
 * of an older version is stale.
 */
export interface SlaClock {
  ticketId: string;
  kind: SlaKind;
  state: ClockState;
  targetMs: number;
  elapsedMs: number;
  runningSince: Date | null;
  pausedAt: Date | null;
  startedAt: Date | null;
  metAt: Date | null;
  /** When the next breach level is due if the clock keeps running (null unless running). */
  dueAt: Date | null;
  warnAt: Date | null;
  warnedAt: Date | null;
  breachedAt: Date | null;
  /** Breaches fired so far (0 = none). */
  level: number;
  nextStage: TimerStage | null;
  nextFireAt: Date | null;
  version: number;
}

/** A fresh clock that has not started. */
export function idleClock(ticketId: string, kind: SlaKind, targetMs: number): SlaClock {
  return {
    ticketId,
    kind,
    state: 'idle',
    targetMs,
    elapsedMs: 0,
    runningSince: null,
    pausedAt: null,
    startedAt: null,
    metAt: null,
    dueAt: null,
    warnAt: null,
    warnedAt: null,
    breachedAt: null,
    level: 0,
    nextStage: null,
    nextFireAt: null,
    version: 0,
  };
}

/** Business time the clock has run by `at`. */
export function elapsedAt(clock: SlaClock, calendar: BusinessCalendar, at: Date): number {
  if (clock.state !== 'running' || !clock.runningSince) return clock.elapsedMs;
  return clock.elapsedMs + calendar.between(clock.runningSince.getTime(), at.getTime());
}

/** Folds the running stretch into `elapsedMs` (before pausing, meeting or re-basing). */
function settle(clock: SlaClock, calendar: BusinessCalendar, at: Date): SlaClock {
  return {
    ...clock,
    elapsedMs: elapsedAt(clock, calendar, at),
    runningSince: clock.state === 'running' ? at : null,
  };
}

/**
 * Starts (or restarts) a clock. A next-response clock counts afresh each time the merchant writes
 * back, so `fresh` resets elapsed time, warning and levels; resolution keeps counting where it was.
 */
export function start(clock: SlaClock, at: Date, fresh = false): SlaClock {
  if (clock.state === 'running') return clock;
  const reset = fresh
    ? { elapsedMs: 0, warnedAt: null, breachedAt: null, level: 0, metAt: null, startedAt: at }
    : { startedAt: clock.startedAt ?? at, metAt: null };
  return { ...clock, ...reset, state: 'running', runningSince: at, pausedAt: null };
}

/** Stops the clock counting while the ticket waits on the merchant. */
export function pause(clock: SlaClock, calendar: BusinessCalendar, at: Date): SlaClock {
  if (clock.state !== 'running') return clock;
  return { ...settle(clock, calendar, at), state: 'paused', runningSince: null, pausedAt: at };
}

/** Resumes a paused clock. */
export function resume(clock: SlaClock, at: Date): SlaClock {
  if (clock.state !== 'paused') return clock;
  return { ...clock, state: 'running', runningSince: at, pausedAt: null };
}

/** The target was met (reply sent, ticket resolved). */
export function meet(clock: SlaClock, calendar: BusinessCalendar, at: Date): SlaClock {
  if (clock.state !== 'running' && clock.state !== 'paused') return clock;
  return { ...settle(clock, calendar, at), state: 'met', runningSince: null, pausedAt: null, metAt: at };
}

/** The clock no longer applies (ticket closed). */
export function stop(clock: SlaClock, calendar: BusinessCalendar, at: Date): SlaClock {
  if (clock.state !== 'running' && clock.state !== 'paused') return clock;
  return { ...settle(clock, calendar, at), state: 'stopped', runningSince: null, pausedAt: null };
}

/** A new target (priority or policy changed); elapsed time, warnings and levels carry over. */
export function retarget(clock: SlaClock, calendar: BusinessCalendar, at: Date, targetMs: number): SlaClock {
  const settled = settle(clock, calendar, at);
  // A clock that has breached keeps the target it breached: its escalation ladder (level n at n × target)
  // goes on from there. Otherwise the priority an escalation raises would shorten the target under a clock
  // already past it and fire every further level at once (normal 4 h → high 1 h at 4 h 10 min = level 4).
  if (clock.level > 0) return settled;
  return { ...settled, targetMs };
}

/** Business time at which the pending stage fires, or null when nothing is pending. */
export function pendingThreshold(
  clock: SlaClock,
  maxLevel: number,
): { stage: TimerStage; atMs: number } | null {
  if (clock.level === 0 && !clock.warnedAt)
    return { stage: 'warn', atMs: Math.ceil(clock.targetMs * WARN_AT_SHARE) };
  if (clock.level < maxLevel) return { stage: 'breach', atMs: clock.targetMs * (clock.level + 1) };
  return null;
}

/**
 * Recomputes due times and the next timer from the clock's state (bumps the version): a running
 * clock's next stage fires when its business time reaches the threshold — immediately if already
 * past; a paused, met or stopped clock has no timer.
 */
export function schedule(clock: SlaClock, calendar: BusinessCalendar, maxLevel: number): SlaClock {
  const version = clock.version + 1;
  if (clock.state !== 'running' || !clock.runningSince) {
    return {
      ...clock,
      version,
      dueAt: null,
      warnAt: clock.warnedAt ? clock.warnAt : null,
      nextStage: null,
      nextFireAt: null,
    };
  }
  const from = clock.runningSince.getTime();
  const when = (thresholdMs: number) =>
    new Date(calendar.add(from, Math.max(0, thresholdMs - clock.elapsedMs)));
  const breachLevel = Math.min(clock.level + 1, maxLevel);
  const dueAt = when(clock.targetMs * breachLevel);
  const warnAt = clock.warnedAt ? clock.warnAt : when(Math.ceil(clock.targetMs * WARN_AT_SHARE));
  const pending = pendingThreshold(clock, maxLevel);
  return {
    ...clock,
    version,
    dueAt,
    warnAt,
    nextStage: pending?.stage ?? null,
    nextFireAt: pending ? when(pending.atMs) : null,
  };
}
