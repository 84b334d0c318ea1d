import { Injectable } from '@nestjs/common';
import { ReactivationCampaignsConfig } from '../../config/reactivation-campaigns.config';
import { ChannelSender, OutboundMessage, SendResult } from '../channel-sender';

/** Gateway answers that mean the number is wrong (no retry on this channel). */
const INVALID_NUMBER = new Set([400, 404, 410, 422]);

/** Maps a gateway HTTP status to a send result: 4xx invalid_contact/provider_error, 429 and 5xx retry. */
export function classifySmsStatus(status: number, detail: string): SendResult {
  if (status === 429 || status >= 500) return { kind: 'retryable', detail };
  if (INVALID_NUMBER.has(status)) return { kind: 'invalid_contact', detail };
  return { kind: 'provider_error', detail };
}

/**
 * SMS through an HTTP gateway: `POST SMS_GATEWAY_URL` with `{to, text, reference}` and the gateway's
 * bearer credential; the send record's id is the `reference` (and `Idempotency-Key`), so a gateway that
 * dedupes never delivers a retried message twice. 2xx answers `{messageId}`.
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
          ...(this.config.SMS_GATEWAY_API_KEY
            ? { authorization: `Bearer ${this.config.SMS_GATEWAY_API_KEY}` }
            : {}),
        },
        body: JSON.stringify({ to: message.address, text: message.body, reference: message.sendId }),
        signal: AbortSignal.timeout(this.config.SMS_GATEWAY_TIMEOUT_MS),
      });
    } catch (error) {
      return {
        kind: 'retryable',
        detail: `sms gateway unreachable: ${(error as Error).message}`.slice(0, 500),
      };
    }
    const text = await response.text().catch(() => '');
    if (!response.ok)
      return classifySmsStatus(response.status, `HTTP ${response.status} ${text}`.slice(0, 500));
    let messageId: string | null = null;
    try {
      const body = JSON.parse(text) as { messageId?: unknown };
      if (typeof body.messageId === 'string') messageId = body.messageId.slice(0, 128);
    } catch {
      // A 2xx without a JSON body is still an accepted message.
    }
    return { kind: 'delivered', providerMessageId: messageId };
  }
}
