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
 * What a channel did: `delivered` (accepted by the provider / task created; `replayed` when the provider
 * answered from its idempotency store, i.e. this was a second request for a message it already had);
 * `invalid_contact` and `provider_error` are final for this channel (fallback may try another);
 * `retryable` (5xx, throttled, connection refused: the provider surely has nothing) is tried again with
 * backoff; `unknown` (timed out after the request left) may or may not have been accepted, and is
 * resolved with {@link ChannelSender.lookup} before anything is sent again.
 */
export type SendResult =
  | { kind: 'delivered'; providerMessageId: string | null; replayed?: boolean }
  | { kind: 'invalid_contact' | 'provider_error' | 'retryable' | 'unknown'; detail: string };

/**
 * What the provider knows of a message by its idempotency key: `accepted` (it has it, do not send
 * again), `absent` (it never got it, sending again is safe) or `unverifiable` (the protocol cannot ask,
 * e.g. SMTP: sending again relies on the stable Message-ID and is counted as a suspected duplicate).
 */
export type LookupResult =
  { kind: 'accepted'; providerMessageId: string | null } | { kind: 'absent' } | { kind: 'unverifiable' };

/** A channel adapter: email over SMTP, SMS over an HTTP gateway, phone tasks in the work queue. */
export abstract class ChannelSender {
  abstract readonly channel: OutreachChannel;
  abstract send(message: OutboundMessage): Promise<SendResult>;

  /**
   * Asks the provider for the message sent under `sendId` (its idempotency key); throws when the provider
   * cannot answer now (the caller retries later). Channels whose protocol cannot ask say `unverifiable`.
   */
  async lookup(sendId: string): Promise<LookupResult> {
    void sendId;
    return { kind: 'unverifiable' };
  }
}
