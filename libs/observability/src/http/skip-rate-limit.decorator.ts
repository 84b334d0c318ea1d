import { SetMetadata } from '@nestjs/common';

/** Metadata key set by {@link SkipRateLimit}; the rate-limit guard (libs/http) skips routes that carry it. */
export const SKIP_RATE_LIMIT_KEY = 'merchant-pulse:skip-rate-limit';

/** Exempts a controller or handler from the per-client rate limit (probes and scrapes must never get 429). */
export const SkipRateLimit = () => SetMetadata(SKIP_RATE_LIMIT_KEY, true);
