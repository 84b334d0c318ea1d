import { SetMetadata } from '@nestjs/common';

/** Metadata key set by {@link RequireScopes}. */
export const REQUIRED_SCOPES_KEY = 'merchant-pulse:required-scopes';

/**
 * Scopes the caller's API key must all hold (`*` holds every scope), on a controller, a handler or
 * both (then both lists are required). A key lacking one gets 403.
 */
export const RequireScopes = (...scopes: string[]) => SetMetadata(REQUIRED_SCOPES_KEY, scopes);
