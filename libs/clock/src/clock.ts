/**
 * The one source of "now" for everything time-driven (dormancy, SLA timers, send windows, fee-plan
 * effective dates). Production uses {@link SystemClock}; tests and the simulator use {@link FakeClock}.
 */
export abstract class Clock {
  /** The current instant. */
  abstract now(): Date;

  /** Milliseconds since the epoch, same instant as {@link now}. */
  nowMs(): number {
    return this.now().getTime();
  }
}

/** Wall-clock time. */
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that moves only when told to: for tests and the simulator. */
export class FakeClock extends Clock {
  private current: number;

  constructor(start: Date | string | number = '2026-01-01T00:00:00.000Z') {
    super();
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  /** Sets the clock to an instant; it may move backwards (tests replaying history). */
  set(instant: Date | string | number): void {
    this.current = new Date(instant).getTime();
  }

  /** Moves the clock forward by the given milliseconds. */
  advance(ms: number): void {
    if (ms < 0) throw new RangeError('FakeClock.advance takes a non-negative duration');
    this.current += ms;
  }

  /** Moves the clock forward by whole days. */
  advanceDays(days: number): void {
    this.advance(days * 86_400_000);
  }
}

/**
 * A clock that runs at wall-clock speed from a chosen starting instant and can be moved forward (or
 * back) while the process runs: the demo and the simulator boot services with `CLOCK_START` and then
 * jump them through simulated days with `PUT /v1/clock`.
 */
export class SettableClock extends Clock {
  private offsetMs: number;

  constructor(
    start: Date | string | number,
    private readonly wall: () => number = Date.now,
  ) {
    super();
    this.offsetMs = new Date(start).getTime() - this.wall();
  }

  now(): Date {
    return new Date(this.wall() + this.offsetMs);
  }

  /** From now on the clock reads `instant` and keeps running from there. */
  set(instant: Date | string | number): void {
    this.offsetMs = new Date(instant).getTime() - this.wall();
  }
}
