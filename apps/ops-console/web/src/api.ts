// The one way the web app talks to the BFF: same-origin fetch with the session cookie, the CSRF header on
// every non-GET, and the services' error shape turned into an ApiError the screens can show.

export type ServiceName = 'registry' | 'ingestion' | 'churn' | 'campaigns' | 'tickets';

export interface SessionUser {
  username: string;
  displayName: string;
  role: string;
  scopes: string[];
  locale?: string;
}

export interface SessionView {
  user: SessionUser;
  csrfToken: string;
}

/** A non-2xx answer: the status and the service's message (field messages joined). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
  }
}

let csrfToken = '';
/** Aborted on sign-out, so calls still in flight end quietly instead of answering 401. */
let inFlight = new AbortController();

/**
 * Aborts every service request in flight (sign-out) and keeps refusing new ones until the next session's
 * token arrives ({@link setCsrfToken}): a screen that fires a request while the sign-out is on its way
 * (e.g. the worklist's region choices after its rows) would otherwise meet a 401.
 */
export function abortInFlight(): void {
  inFlight.abort();
}

/** The session's CSRF token; a new session's token also lets service requests through again. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
  if (token && inFlight.signal.aborted) inFlight = new AbortController();
}

/** Fired when a call answers 401 (session expired): the app returns to the sign-in page. */
export const UNAUTHORIZED_EVENT = 'ops-console:unauthorized';

export type Query = Record<string, string | number | boolean | undefined | null | string[]>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) value.forEach((v) => params.append(key, v));
    else params.append(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path;
}

function messageOf(body: unknown, status: number): string {
  if (body && typeof body === 'object') {
    const b = body as { message?: unknown; error?: unknown; errors?: unknown };
    if (Array.isArray(b.message)) return b.message.map(String).join('; ');
    if (typeof b.message === 'string') return b.message;
    if (Array.isArray(b.errors)) {
      return b.errors
        .map((e) => (e && typeof e === 'object' ? Object.values(e as object).join(': ') : String(e)))
        .join('; ');
    }
    if (typeof b.error === 'string') return b.error;
  }
  return `HTTP ${status}`;
}

export async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const response = await fetch(url, {
    method,
    headers,
    credentials: 'same-origin',
    signal: url.endsWith('/api/session') ? undefined : inFlight.signal,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  if (!response.ok) {
    if (response.status === 401 && !url.endsWith('/api/session')) {
      window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
    }
    throw new ApiError(response.status, messageOf(parsed, response.status), parsed);
  }
  return parsed as T;
}

export const session = {
  current: () => request<SessionView>('GET', '/api/session'),
  signIn: (username: string, password: string) =>
    request<SessionView>('POST', '/api/session', { username, password }),
  signOut: () => request<void>('DELETE', '/api/session'),
};

/** A service's REST API through the BFF proxy: `svc('registry').get('/v1/merchants', {limit: 20})`. */
export function svc(service: ServiceName) {
  const url = (path: string, query?: Query) => withQuery(`/api/svc/${service}${path}`, query);
  return {
    get: <T>(path: string, query?: Query) => request<T>('GET', url(path, query)),
    post: <T>(path: string, body?: unknown, query?: Query) =>
      request<T>('POST', url(path, query), body ?? {}),
    patch: <T>(path: string, body: unknown) => request<T>('PATCH', url(path), body),
    put: <T>(path: string, body: unknown) => request<T>('PUT', url(path), body),
  };
}
