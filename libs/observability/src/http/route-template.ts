import type { Request } from 'express';

/** The label used for requests that matched no route (404s), keeping metric cardinality bounded. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * The route template a request matched (`/v1/merchants/:id`), never the raw URL, so metric labels
 * stay bounded. Available once routing matched, i.e. when the response finishes.
 */
export function routeTemplateOf(request: Request): string | undefined {
  const path: unknown = request.route?.path;
  return typeof path === 'string' ? `${request.baseUrl ?? ''}${path}` : undefined;
}

/** The request path without its query string (queries may carry personal data; never log them). */
export function pathOf(request: Request): string {
  const url = request.originalUrl ?? request.url;
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}
