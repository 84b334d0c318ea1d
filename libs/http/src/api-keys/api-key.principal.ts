import type { Request } from 'express';

/** The scope that grants every other scope. */
export const ALL_SCOPES = '*';

/** The authenticated caller: the API key's id and scopes, never its secret or hash. */
export interface ApiKeyPrincipal {
  readonly id: string;
  readonly scopes: readonly string[];
}

/** A request that passed {@link ApiKeyGuard}; `apiKey` is unset on `@Public()` routes. */
export interface AuthenticatedRequest extends Request {
  apiKey?: ApiKeyPrincipal;
}

/** Whether the key grants `scope` (directly or through `*`). False for no key at all. */
export function hasScope(key: ApiKeyPrincipal | undefined, scope: string): boolean {
  return key !== undefined && (key.scopes.includes(ALL_SCOPES) || key.scopes.includes(scope));
}
