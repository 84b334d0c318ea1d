import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { SKIP_RATE_LIMIT_KEY } from '@merchant-pulse/observability';
import type { AuthenticatedRequest } from '../api-keys/api-key.principal';

/**
 * Global rate limit (registered by `HttpPlatformModule` after {@link ApiKeyGuard}, so the key is
 * known): one budget per API key id across all routes, or per client IP for unauthenticated routes.
 * 429 with `Retry-After` (seconds) when spent. Routes marked `@SkipRateLimit()` (probes, scrapes)
 * are exempt. Counters live in process memory: each replica enforces the limit on its own.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    return (
      this.reflector.getAllAndOverride<boolean>(SKIP_RATE_LIMIT_KEY, [
        context.getHandler(),
        context.getClass(),
      ]) === true
    );
  }

  protected override async getTracker(request: AuthenticatedRequest): Promise<string> {
    return request.apiKey ? `api-key:${request.apiKey.id}` : `ip:${await super.getTracker(request)}`;
  }

  /** One bucket per client for the whole service, not one per route (the default). */
  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${throttlerName}:${tracker}`;
  }
}
