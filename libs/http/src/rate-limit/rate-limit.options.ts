import type { ThrottlerModuleOptions, ThrottlerStorage } from '@nestjs/throttler';
import { SlidingWindowRateLimitStorage } from './rate-limit.storage';

const ONE_MINUTE_MS = 60_000;

/**
 * Throttler options for `limitPerMinute` requests per client per minute (`RATE_LIMIT_PER_MINUTE`),
 * counted by `storage`: by default {@link SlidingWindowRateLimitStorage} in process memory (O(1) per
 * request; the throttler's default storage scans every hit of the last minute on each request), or
 * the Redis one shared by all replicas (`RATE_LIMIT_STORE=redis`, see `HttpPlatformModule`).
 */
export function rateLimitOptions(
  limitPerMinute: number,
  storage: ThrottlerStorage = new SlidingWindowRateLimitStorage(),
): ThrottlerModuleOptions {
  return {
    throttlers: [{ name: 'default', ttl: ONE_MINUTE_MS, limit: limitPerMinute }],
    errorMessage: `Rate limit of ${limitPerMinute} requests per minute exceeded`,
    storage,
  };
}
