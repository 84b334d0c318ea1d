import type { ThrottlerModuleOptions } from '@nestjs/throttler';

const ONE_MINUTE_MS = 60_000;

/** Throttler options for `limitPerMinute` requests per client per minute (`RATE_LIMIT_PER_MINUTE`). */
export function rateLimitOptions(limitPerMinute: number): ThrottlerModuleOptions {
  return {
    throttlers: [{ name: 'default', ttl: ONE_MINUTE_MS, limit: limitPerMinute }],
    errorMessage: `Rate limit of ${limitPerMinute} requests per minute exceeded`,
  };
}
