import type { ThrottlerStorage } from '@nestjs/throttler';
import type Redis from 'ioredis';
import { RATE_LIMIT_SLOTS, RateLimitRecord } from './rate-limit.storage';

/**
 * One atomic step of the sliding window in Redis (same semantics as the in-memory
 * `SlidingWindowRateLimitStorage`): a hash per client, one field per slot holding that slot's
 * allowed hits. Drops slots that left the window, sums the rest, counts this request only when the
 * sum is under the limit, and keeps the hash alive for one window. Returns {total, blocked, oldest slot}.
 */
const SLIDING_WINDOW_LUA = `
local key = KEYS[1]
local slot = tonumber(ARGV[1])
local slots = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
local ttlMs = tonumber(ARGV[4])
local fields = redis.call('HGETALL', key)
local total = 0
local oldest = slot
for i = 1, #fields, 2 do
  local s = tonumber(fields[i])
  if s <= slot - slots then
    redis.call('HDEL', key, fields[i])
  else
    total = total + tonumber(fields[i + 1])
    if s < oldest then oldest = s end
  end
end
if total >= limit then
  return {total + 1, 1, oldest}
end
redis.call('HINCRBY', key, tostring(slot), 1)
redis.call('PEXPIRE', key, ttlMs)
return {total + 1, 0, oldest}
`;

type SlidingWindowClient = Redis & {
  pulseSlidingWindow(
    key: string,
    slot: number,
    slots: number,
    limit: number,
    ttlMs: number,
  ): Promise<number[]>;
};

/**
 * Rate-limit counters in Redis, so every replica of a service spends ONE budget per client (behind
 * an HPA the limit then means what it says). O(slots) per request in one Lua call (atomic, one round
 * trip). Keys: `<prefix><throttler key>`, e.g. `pulse:rate-limit:merchant-registry:default:api-key:ops`.
 *
 * Fails open: when Redis does not answer, the request is allowed (and `onError` told) — an outage of
 * the limiter must not take the API down with it.
 */
export class RedisRateLimitStorage implements ThrottlerStorage {
  private readonly client: SlidingWindowClient;

  /** Told about every Redis failure (the request was allowed); `HttpPlatformModule` logs them. */
  onError: (error: unknown) => void = () => undefined;

  constructor(
    redis: Redis,
    private readonly prefix: string,
    private readonly now: () => number = Date.now,
  ) {
    if (!('pulseSlidingWindow' in redis))
      redis.defineCommand('pulseSlidingWindow', { numberOfKeys: 1, lua: SLIDING_WINDOW_LUA });
    this.client = redis as unknown as SlidingWindowClient;
  }

  /** Closes the Redis connection (application shutdown). */
  async close(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }

  /** Counts one request of `key` unless it is over `limit` within the last `ttl` milliseconds. */
  async increment(key: string, ttl: number, limit: number): Promise<RateLimitRecord> {
    const now = this.now();
    const slotMs = Math.max(1, ttl / RATE_LIMIT_SLOTS);
    const slot = Math.floor(now / slotMs);
    const timeToExpire = Math.max(1, Math.ceil(((slot + 1) * slotMs - now) / 1000));
    let reply: number[];
    try {
      reply = await this.client.pulseSlidingWindow(
        this.prefix + key,
        slot,
        RATE_LIMIT_SLOTS,
        limit,
        Math.ceil(ttl + slotMs),
      );
    } catch (error) {
      this.onError(error);
      return { totalHits: 0, timeToExpire, isBlocked: false, timeToBlockExpire: 0 };
    }
    const [totalHits, blocked, oldest] = reply.map(Number);
    if (blocked === 1) {
      const retryAfter = Math.max(1, Math.ceil(((oldest + RATE_LIMIT_SLOTS) * slotMs - now) / 1000));
      return { totalHits, timeToExpire, isBlocked: true, timeToBlockExpire: retryAfter };
    }
    return { totalHits, timeToExpire, isBlocked: false, timeToBlockExpire: 0 };
  }
}
