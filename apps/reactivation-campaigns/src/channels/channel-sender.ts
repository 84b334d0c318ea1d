import type { OutreachChannel } from '@merchant-pulse/contracts';
import type { OfferSpec, OutreachPurpose } from '../outreach/outreach-scheduler';

/** One message to hand to a channel. */
export interface OutboundMessage {
  /** The send record's id: idempotency key at the provider (SMS reference, email Message-ID). */
  sendId: string;
  campaignId: string;
  merchantId: string;
  purpose: OutreachPurpose;
  /** Phone number or email address (never stored here; only its mask is). */
  address: string;
  addressMasked: string | null;
  subject: string | null;
  body: string;
  offer?: OfferSpec;
}

/**
 * What a channel did: `delivered` (accepted by the provider / task created); `invalid_contact` and
 * `provider_error` are final for this channel (fallback may try another); `retryable` (5xx, timeout,
 * throttled) is tried again with backoff.
 */
export type SendResult =
  | { kind: 'delivered'; providerMessageId: string | null }
  | { kind: 'invalid_contact' | 'provider_error' | 'retryable'; detail: string };

/** A channel adapter: email over SMTP, SMS over an HTTP gateway, phone tasks in the work queue. */
export abstract class ChannelSender {
  abstract readonly channel: OutreachChannel;
  abstract send(message: OutboundMessage): Promise<SendResult>;
}
