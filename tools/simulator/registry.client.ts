import { setTimeout as sleep } from 'node:timers/promises';

/*
 * The merchant-registry REST calls the simulator makes (shape: /work/notes/registry-api.md), in one
 * place so the client follows the API if it moves. Retries 429, 5xx and network errors with
 * exponential backoff (honouring Retry-After); a 409 means "already done" (re-running `register`).
 */

/** Options of {@link RegistryClient}. */
export interface RegistryClientOptions {
  baseUrl: string;
  apiKey: string;
  /** Attempts per call before giving up (default 6). */
  attempts?: number;
}

/** A non-retryable answer of the registry. */
export class RegistryError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    what: string,
  ) {
    super(`${what} → HTTP ${status}: ${body.slice(0, 300)}`);
  }
}

/** Outcome of a call: the created/updated resource, or null when it already existed (409). */
export type Created<T> = T | null;

/** Thin typed wrapper over the registry's onboarding endpoints. */
export class RegistryClient {
  /** Calls that were retried (429/5xx/network), for the summary. */
  retries = 0;

  constructor(private readonly options: RegistryClientOptions) {}

  /** Fails fast (a few quick retries while the registry boots) when it is not reachable at all. */
  async preflight(): Promise<void> {
    const url = `${this.options.baseUrl.replace(/\/$/, '')}/health/live`;
    for (let attempt = 1; ; attempt++) {
      try {
        await fetch(url);
        return;
      } catch (error) {
        if (attempt >= 5)
          throw new Error(`registry not reachable at ${this.options.baseUrl}: ${(error as Error).message}`);
        await sleep(500 * attempt);
      }
    }
  }

  createMerchant(body: object): Promise<Created<{ id: string; status: string }>> {
    return this.call('POST', '/v1/merchants', body);
  }

  getMerchant(id: string): Promise<{ id: string; status: string } | null> {
    return this.call('GET', `/v1/merchants/${encodeURIComponent(id)}`);
  }

  uploadDocument(
    merchantId: string,
    type: string,
    bytes: Buffer,
    mediaType: string,
  ): Promise<Created<object>> {
    return this.call(
      'PUT',
      `/v1/merchants/${encodeURIComponent(merchantId)}/documents/${type}`,
      bytes,
      mediaType,
    );
  }

  submit(merchantId: string): Promise<Created<object>> {
    return this.call('POST', `/v1/merchants/${encodeURIComponent(merchantId)}/submit`, {});
  }

  review(merchantId: string, decision: 'start' | 'approve'): Promise<Created<object>> {
    return this.call('POST', `/v1/merchants/${encodeURIComponent(merchantId)}/review`, { decision });
  }

  activate(merchantId: string): Promise<Created<object>> {
    return this.call('POST', `/v1/merchants/${encodeURIComponent(merchantId)}/activate`, {});
  }

  /** Records the merchant's answer for a channel and purpose in the registry's consent ledger. */
  recordConsent(
    merchantId: string,
    channel: 'sms' | 'email' | 'phone',
    purpose: 'service' | 'marketing',
    granted: boolean,
  ): Promise<Created<object>> {
    return this.call('POST', `/v1/merchants/${encodeURIComponent(merchantId)}/consents`, {
      channel,
      purpose,
      granted,
      source: 'service_agreement',
    });
  }

  createTerminal(body: {
    terminalId: string;
    serialNumber: string;
    model: string;
    firmwareVersion: string;
  }): Promise<Created<object>> {
    return this.call('POST', '/v1/terminals', body);
  }

  assignTerminal(terminalId: string, merchantId: string, address: string): Promise<Created<object>> {
    return this.call('POST', `/v1/terminals/${encodeURIComponent(terminalId)}/assign`, {
      merchantId,
      address,
    });
  }

  activateTerminal(terminalId: string): Promise<Created<object>> {
    return this.call('POST', `/v1/terminals/${encodeURIComponent(terminalId)}/activate`, {});
  }

  /** One HTTP call with retries; returns the parsed JSON, or null on 404 (GET) and 409. */
  private async call<T>(
    method: string,
    path: string,
    body?: object | Buffer,
    mediaType = 'application/json',
  ): Promise<T> {
    const attempts = this.options.attempts ?? 6;
    const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body : JSON.stringify(body);
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await fetch(this.options.baseUrl.replace(/\/$/, '') + path, {
          method,
          headers: {
            authorization: `Bearer ${this.options.apiKey}`,
            ...(payload === undefined ? {} : { 'content-type': mediaType }),
          },
          body: payload,
        });
      } catch (error) {
        if (attempt >= attempts) throw error;
        await this.backoff(attempt, null);
        continue;
      }
      const text = await response.text();
      if (response.ok) return (text ? JSON.parse(text) : {}) as T;
      if (response.status === 409 || (response.status === 404 && method === 'GET')) return null as T;
      const retryable = response.status === 429 || response.status >= 500;
      if (!retryable || attempt >= attempts)
        throw new RegistryError(response.status, text, `${method} ${path}`);
      await this.backoff(attempt, response.headers.get('retry-after'));
    }
  }

  private async backoff(attempt: number, retryAfter: string | null): Promise<void> {
    this.retries += 1;
    const hinted = retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) * 1000 : 0;
    const exponential = Math.min(10_000, 200 * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2);
    await sleep(Math.max(hinted, exponential));
  }
}
