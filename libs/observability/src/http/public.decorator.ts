import { SetMetadata } from '@nestjs/common';

/** Metadata key set by {@link Public}; the API key guard (libs/http) skips routes that carry it. */
export const IS_PUBLIC_KEY = 'merchant-pulse:public';

/**
 * Marks a controller or handler as reachable without an API key (health, metrics). Every other
 * route requires one. Defined here rather than in libs/http so the operational controllers of this
 * lib can use it; libs/http re-exports it.
 */
export const Public = () => SetMetadata(IS_PUBLIC_KEY, true);
