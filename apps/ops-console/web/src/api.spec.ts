import { abortInFlight, request, setCsrfToken, svc } from './api';

describe('api requests around sign-out', () => {
  const calls: Array<{ url: string; aborted: boolean }> = [];
  const realFetch = globalThis.fetch;

  beforeEach(() => {
    calls.length = 0;
    globalThis.fetch = jest.fn(async (url: string | URL | Request, init?: RequestInit) => {
      calls.push({ url: String(url), aborted: init?.signal?.aborted ?? false });
      if (init?.signal?.aborted) throw new DOMException('aborted', 'AbortError');
      return new Response('{"ok":true}', { status: 200 });
    }) as typeof fetch;
  });
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  it('should refuse service requests from sign-out until the next session token, and let the session call through', async () => {
    setCsrfToken('first');
    await expect(svc('churn').get('/v1/risks/regions')).resolves.toEqual({ ok: true });

    abortInFlight();
    await expect(svc('churn').get('/v1/risks/regions')).rejects.toMatchObject({ name: 'AbortError' });
    await expect(svc('registry').get('/v1/merchants/M1')).rejects.toMatchObject({ name: 'AbortError' });
    // The sign-out and sign-in calls themselves are not tied to the aborted requests.
    await expect(request('DELETE', '/api/session')).resolves.toEqual({ ok: true });
    setCsrfToken('');
    await expect(svc('churn').get('/v1/risks')).rejects.toMatchObject({ name: 'AbortError' });

    setCsrfToken('second');
    await expect(svc('churn').get('/v1/risks')).resolves.toEqual({ ok: true });
    expect(calls.map((c) => `${c.url} ${c.aborted ? 'refused' : 'sent'}`)).toEqual([
      '/api/svc/churn/v1/risks/regions sent',
      '/api/svc/churn/v1/risks/regions refused',
      '/api/svc/registry/v1/merchants/M1 refused',
      '/api/session sent',
      '/api/svc/churn/v1/risks refused',
      '/api/svc/churn/v1/risks sent',
    ]);
  });
});
