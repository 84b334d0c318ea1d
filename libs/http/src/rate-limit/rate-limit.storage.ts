import type { ThrottlerStorage } from '@nestjs/throttler';

/** Number of slots a window is divided into: the limit is enforced at 1/SLOTS of the window (1 s per minute). */
export const RATE_LIMIT_SLOTS = 60;

/** What {@link ThrottlerStorage.increment} answers (the throttler's `ThrottlerStorageRecord`). */
export interface RateLimitRecord {
  totalHits: number;
  timeToExpire: number;
  isBlocked: boolean;
  timeToBlockExpire: number;
}

/** One client's counters: hits per slot in a ring, their sum, and the newest slot the ring reflects. */
interface Window {
  hits: Uint32Array;
  total: number;
  slot: number;
}

/**
 * In-memory rate-limit counters in O(1) per request, replacing @nestjs/throttler's default storage,
 * which keeps one timestamp per hit and filters (and spreads into `Math.min`) all of them on every
 * request — at 1,000 req/s on one API key that is 60,000 entries scanned per request.
 *
 * Sliding window at slot granularity: the window (`ttl`) is split into {@link RATE_LIMIT_SLOTS} slots;
 * a request is allowed while the hits of the last `ttl` (whole slots) are below `limit`, and only
 * allowed requests count, so a client that keeps hammering gets back in as old slots leave the window.
 * A refused request reports `timeToBlockExpire`: seconds until its oldest counted slot leaves the window
 * (the `Retry-After`). `blockDuration` is ignored (the window itself is the penalty).
 * Idle clients are forgotten lazily, at most once per window, without timers.
 */
export class SlidingWindowRateLimitStorage implements ThrottlerStorage {
  private readonly windows = new Map<string, Window>();
  private nextSweepAt = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Counts one request of `key` unless it is over `limit` within the last `ttl` milliseconds. */
  async increment(key: string, ttl: number, limit: number): Promise<RateLimitRecord> {
    return this.hit(key, ttl, limit);
  }

  /** Synchronous core of {@link increment}. */
  hit(key: string, ttl: number, limit: number): RateLimitRecord {
    const now = this.now();
    const slotMs = Math.max(1, ttl / RATE_LIMIT_SLOTS);
    const slot = Math.floor(now / slotMs);
    this.sweep(now, ttl, slotMs);
    const window = this.windowOf(key, slot);
    advance(window, slot);
    const timeToExpire = Math.max(1, Math.ceil(((slot + 1) * slotMs - now) / 1000));
    if (window.total >= limit) {
      const retryAfter = Math.max(
        1,
        Math.ceil(((oldestSlot(window) + RATE_LIMIT_SLOTS) * slotMs - now) / 1000),
      );
      return { totalHits: window.total + 1, timeToExpire, isBlocked: true, timeToBlockExpire: retryAfter };
    }
    window.hits[slot % RATE_LIMIT_SLOTS]! += 1;
    window.total += 1;
    return { totalHits: window.total, timeToExpire, isBlocked: false, timeToBlockExpire: 0 };
  }

  /** Number of clients currently tracked (tests). */
  get size(): number {
    return this.windows.size;
  }

  private windowOf(key: string, slot: number): Window {
    let window = this.windows.get(key);
    if (window === undefined) {
      window = { hits: new Uint32Array(RATE_LIMIT_SLOTS), total: 0, slot };
      this.windows.set(key, window);
    }
    return window;
  }

  /** Drops clients with no hit inside the window; runs at most once per window. */
  private sweep(now: number, ttl: number, slotMs: number): void {
    if (now < this.nextSweepAt) return;
    this.nextSweepAt = now + ttl;
    const current = Math.floor(now / slotMs);
    for (const [key, window] of this.windows) {
      if (current - window.slot >= RATE_LIMIT_SLOTS) this.windows.delete(key);
    }
  }
}

/** Moves the ring forward to `slot`, zeroing the slots that left the window. */
function advance(window: Window, slot: number): void {
  const elapsed = slot - window.slot;
  if (elapsed <= 0) return;
  if (elapsed >= RATE_LIMIT_SLOTS) {
    window.hits.fill(0);
    window.total = 0;
  } else {
    for (let s = window.slot + 1; s <= slot; s += 1) {
      const index = s % RATE_LIMIT_SLOTS;
      window.total -= window.hits[index]!;
      window.hits[index] = 0;
    }
  }
  window.slot = slot;
}

/** The oldest slot of the window that still holds hits (the window's newest slot when none do). */
function oldestSlot(window: Window): number {
  for (let s = window.slot - RATE_LIMIT_SLOTS + 1; s < window.slot; s += 1) {
    if (window.hits[((s % RATE_LIMIT_SLOTS) + RATE_LIMIT_SLOTS) % RATE_LIMIT_SLOTS]! > 0) return s;
  }
  return window.slot;
}
