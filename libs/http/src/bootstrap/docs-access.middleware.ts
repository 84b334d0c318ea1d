import type { NextFunction, Request, Response } from 'express';
import { hasScope } from '../api-keys/api-key.principal';
import { ApiKeyStore } from '../api-keys/api-key.store';

/** Scope an API key needs to read `/docs` and `/docs-json` when they are not public (`PUBLIC_DOCS=false`). */
export const DOCS_SCOPE = 'docs:read';

/** `/docs` (UI and its assets), `/docs-json`, `/docs-yaml`: everything SwaggerModule serves. */
const DOCS_PATH = /^\/docs(-json|-yaml)?(\/|$)/;
const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * Express middleware for the OpenAPI routes, which SwaggerModule serves outside Nest's guards:
 * 401 without a known API key, 403 without scope {@link DOCS_SCOPE}, the same bodies as the API guard.
 */
export function docsAccessMiddleware(keys: ApiKeyStore) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (!DOCS_PATH.test(request.path)) return next();
    const secret = BEARER.exec(request.headers.authorization ?? '')?.[1];
    const key = secret === undefined ? undefined : keys.authenticate(secret);
    if (key === undefined) {
      response.setHeader('WWW-Authenticate', 'Bearer');
      response.status(401).json({
        statusCode: 401,
        error: 'Unauthorized',
        message: `The API documentation needs an API key with scope ${DOCS_SCOPE} (PUBLIC_DOCS=false)`,
      });
      return;
    }
    if (!hasScope(key, DOCS_SCOPE)) {
      response.status(403).json({
        statusCode: 403,
        error: 'Forbidden',
        message: `API key "${key.id}" lacks scope ${DOCS_SCOPE}`,
      });
      return;
    }
    next();
  };
}
