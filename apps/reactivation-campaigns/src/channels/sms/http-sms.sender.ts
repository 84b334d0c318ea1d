import { Injectable } from '@nestjs/common';
import { ReactivationCampaignsConfig } from '../../config/reactivation-campaigns.config';
import { ChannelSender, LookupResult, OutboundMessage, SendResult } from '../channel-sender';

/** Gateway answers that mean the number is wrong (no retry on this channel). */
const INVALID_NUMBER = new Set([400, 404, 410, 422]);

/** Connection failures that prove the request never reached the gateway (safe to send again). */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Maps a gateway HTTP status to a send result: 4xx invalid_contact/provider_error, 429 and 5xx retry. */
export function classifySmsStatus(status: number, detail: string): SendResult {
  if (status === 429 || status >= 500) return { kind: 'retryable', detail };
  if (INVALID_NUMBER.has(status)) return { kind: 'invalid_contact', detail };
  return { kind: 'provider_error', detail };
}

/**
 * Maps a failed request to a send result: a refused connection is `retryable` (the gateway has nothing);
 * a timeout or a connection lost after the request left is `unknown` (the gateway may have accepted it).
 */
export function classifySmsRequestError(error: unknown): SendResult {
  const e = error as { name?: string; message?: string; cause?: { code?: string } };
  const detail = `sms gateway: ${e.message ?? String(error)}`.slice(0, 500);
  if (e.cause?.code && NOT_CONNECTED.has(e.cause.code)) return { kind: 'retryable', detail };
  return { kind: 'unknown', detail };
}

/**
 * SMS through an HTTP gateway: `POST SMS_GATEWAY_URL` with `{to, text, reference}` and the gateway's
 * bearer credential; the send record's id is the `reference` and the `Idempotency-Key`, so a gateway that
 * dedupes never delivers a retried message twice. 2xx answers `{messageId}` (header
 * `Idempotent-Replayed: true` when it answered a repeated key from its store). A message whose request
 * timed out is looked up with `GET SMS_GATEWAY_URL/{reference}` (200 `{messageId}` or 404) before any
 * retry, so a gateway that does not dedupe is not asked twice either.
 */
@Injectable()
export class HttpSmsSender extends ChannelSender {
  readonly channel = 'sms' as const;

  constructor(private readonly config: ReactivationCampaignsConfig) {
    super();
  }

  async send(message: OutboundMessage): Promise<SendResult> {
    let response: Response;
    try {
      response = await fetch(this.config.SMS_GATEWAY_URL, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': message.sendId,
          ...this.authorization(),
        },
        body: JSON.stringify({ to: message.address, text: message.body, reference: message.sendId }),
        signal: AbortSignal.timeout(this.config.SMS_GATEWAY_TIMEOUT_MS),
      });
    } catch (error) {
      return classifySmsRequestError(error);
    }
    const text = await response.text().catch(() => '');
    if (!response.ok)
      return classifySmsStatus(response.status, `HTTP ${response.status} ${text}`.slice(0, 500));
    return {
      kind: 'delivered',
      providerMessageId: messageIdOf(text),
      replayed: response.headers.get('idempotent-replayed') === 'true',
    };
  }

  override async lookup(sendId: string): Promise<LookupResult> {
    const url = `${this.config.SMS_GATEWAY_URL.replace(/\/$/, '')}/${encodeURIComponent(sendId)}`;
    const response = await fetch(url, {
      headers: this.authorization(),
      signal: AbortSignal.timeout(this.config.SMS_GATEWAY_TIMEOUT_MS),
    });
    const text = await response.text().catch(() => '');
    if (response.status === 404) return { kind: 'absent' };
    if (!response.ok) throw new Error(`sms gateway lookup answered ${response.status}`);
    return { kind: 'accepted', providerMessageId: messageIdOf(text) };
  }

  private authorization(): Record<string, string> {
    return this.config.SMS_GATEWAY_API_KEY
      ? { authorization: `Bearer ${this.config.SMS_GATEWAY_API_KEY}` }
      : {};
  }
}

/** The gateway's message id from a 2xx body; a 2xx without a JSON body is still an accepted message. */
function messageIdOf(text: string): string | null {
  try {
    const body = JSON.parse(text) as { messageId?: unknown };
    return typeof body.messageId === 'string' ? body.messageId.slice(0, 128) : null;
  } catch {
    return null;
  }
}
