import { createHmac } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { MessageSink } from './message.sink';
import type { SimMessage } from './transaction.stream';

/** Options of {@link RestSink}. */
export interface RestSinkOptions {
  /** Base URL of transaction-ingestion, e.g. http://127.0.0.1:3002. */
  baseUrl: string;
  acquirerId: string;
  /** The acquirer's shared HMAC secret. */
  secret: string;
  attempts?: number;
}

/** Result counts from the gateway's 202 answers. */
export interface RestSinkStats {
  requests: number;
  retries: number;
}

/**
 * Posts batches to `POST /v1/acquirers/{acquirerId}/transactions:batch` as `{"transactions":[…]}`,
 * the items being the very bytes the Kafka path would carry. Signed with HMAC-SHA256 over
 * `timestamp + "." + rawBody` (timestamp in Unix seconds) in `X-Pulse-Signature: v1=<hex>` and
 * `X-Pulse-Timestamp`. A retry re-signs with a fresh timestamp (replayed signatures are refused)
 * and keeps the batch's `Idempotency-Key`, so a batch answered before the failure is not re-counted.
 */
export class RestSink implements MessageSink {
  readonly stats: RestSinkStats = { requests: 0, retries: 0 };
  private batchNumber = 0;
  private readonly runId = `${Date.now().toString(36)}`;

  constructor(private readonly options: RestSinkOptions) {}

  async send(batch: SimMessage[]): Promise<void> {
    this.batchNumber += 1;
    const body = `{"transactions":[${batch.map((m) => m.value).join(',')}]}`;
    const idempotencyKey = `sim-${this.runId}-${this.batchNumber}`;
    const url = `${this.options.baseUrl.replace(/\/$/, '')}/v1/acquirers/${encodeURIComponent(this.options.acquirerId)}/transactions:batch`;
    const attempts = this.options.attempts ?? 8;
    for (let attempt = 1; ; attempt++) {
      this.stats.requests += 1;
      const outcome = await this.post(url, body, idempotencyKey).catch((error: Error) => ({
        status: 0,
        text: error.message,
      }));
      if (outcome.status >= 200 && outcome.status < 300) return;
      const retryable = outcome.status === 0 || outcome.status === 429 || outcome.status >= 500;
      if (!retryable || attempt >= attempts)
        throw new Error(`POST ${url} → ${outcome.status || 'network error'}: ${outcome.text.slice(0, 300)}`);
      this.stats.retries += 1;
      await sleep(Math.min(10_000, 100 * 2 ** attempt));
    }
  }

  async close(): Promise<void> {}

  private async post(
    url: string,
    body: string,
    idempotencyKey: string,
  ): Promise<{ status: number; text: string }> {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': idempotencyKey,
        ...signatureHeaders(this.options.secret, timestamp, body),
      },
      body,
    });
    return { status: response.status, text: await response.text() };
  }
}

/** The gateway's signature headers for a raw body. */
export function signatureHeaders(secret: string, timestamp: string, rawBody: string): Record<string, string> {
  const signature = createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
  return { 'x-pulse-timestamp': timestamp, 'x-pulse-signature': `v1=${signature}` };
}
