import type { ThrottlerModuleOptions } from '@nestjs/throttler';
import { SlidingWindowRateLimitStorage } from './rate-limit.storage';

const ONE_MINUTE_MS = 60_000;

/**
 * Throttler options for `limitPerMinute` requests per client per minute (`RATE_LIMIT_PER_MINUTE`),
 * counted by {@link SlidingWindowRateLimitStorage} (O(1) per request; the throttler's default storage
 * scans every hit of the last minute on each request).
 */
export function rateLimitOptions(limitPerMinute: number): ThrottlerModuleOptions {
  return {
    throttlers: [{ name: 'default', ttl: ONE_MINUTE_MS, limit: limitPerMinute }],
    errorMessage: `Rate limit of ${limitPerMinute} requests per minute exceeded`,
    storage: new SlidingWindowRateLimitStorage(),
  };
}
