/** Request headers passed through to the services (everything else, cookies first, stays behind). */
export const FORWARDED_REQUEST_HEADERS = [
  'accept',
  'accept-language',
  'content-type',
  'content-length',
  'idempotency-key',
  'if-match',
  'if-none-match',
] as const;

/** Response headers passed back to the browser. */
export const FORWARDED_RESPONSE_HEADERS = [
  'content-type',
  'content-disposition',
  'etag',
  'location',
  'retry-after',
  'x-correlation-id',
] as const;

/**
 * The path and query to call on the service for a console URL `/api/svc/{service}/{path…}?{query}`,
 * unchanged (still percent-encoded); undefined when the URL is not under that service's prefix or tries
 * to climb out of it (`..` segments, encoded or not).
 */
export function upstreamPath(originalUrl: string, service: string): string | undefined {
  const prefix = `/api/svc/${service}/`;
  if (!originalUrl.startsWith(prefix)) return undefined;
  const rest = originalUrl.slice(prefix.length - 1);
  const path = rest.split('?')[0];
  const segments = path.split('/').map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
  if (segments.some((s) => s === '..' || s === '.' || s.includes('/') || s.includes('\\'))) return undefined;
  return rest;
}
