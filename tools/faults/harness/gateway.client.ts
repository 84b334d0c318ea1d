import {
  signBody,
  SignatureHeaders,
} from '../../../apps/transaction-ingestion/src/gateway/acquirer-signature';
import { sleep } from '../servers/process-image';

export interface GatewayAnswer {
  status: number;
  body: { accepted?: number; rejected?: number } & Record<string, unknown>;
}

/**
 * An acquirer system pushing signed batches to `POST /v1/acquirers/{id}/transactions:batch`, as a
 * careful client does: each batch has an Idempotency-Key, and a failed attempt is retried with the
 * same key (and a fresh signature: signatures are single-use) until it is answered 202.
 */
export class GatewayClient {
  failedAttempts = 0;
  lastFailure = '';
  /** Set when the scenario ends: a client still retrying gives up. */
  aborted = false;

  constructor(
    private readonly baseUrl: string,
    private readonly acquirerId: string,
    private readonly secret: string,
  ) {}

  async submit(body: string, idempotencyKey: string): Promise<GatewayAnswer> {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const response = await fetch(`${this.baseUrl}/v1/acquirers/${this.acquirerId}/transactions:batch`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': idempotencyKey,
        [SignatureHeaders.Timestamp]: timestamp,
        [SignatureHeaders.Signature]: signBody(this.secret, timestamp, body),
      },
      body,
      signal: AbortSignal.timeout(5_000),
    });
    return {
      status: response.status,
      body: (await response.json().catch(() => ({}))) as GatewayAnswer['body'],
    };
  }

  async submitUntilAccepted(body: string, idempotencyKey: string, deadline: number): Promise<GatewayAnswer> {
    for (;;) {
      const answer = await this.submit(body, idempotencyKey).catch(
        (error: Error) => ({ status: 0, body: { message: error.message } }) as GatewayAnswer,
      );
      if (answer.status === 202) return answer;
      this.failedAttempts += 1;
      this.lastFailure = `${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`;
      if (Date.now() > deadline || this.aborted)
        throw new Error(`gateway never answered 202 for ${idempotencyKey}: ${this.lastFailure}`);
      await sleep(300);
    }
  }
}
