import { Injectable } from '@nestjs/common';
import { ReactivationCampaignsConfig } from '../config/reactivation-campaigns.config';

/** Registry contact channels (the registry says `phone` where outreach says `phone_task`). */
export type RegistryContactChannel = 'sms' | 'email' | 'phone';

/** `GET /v1/merchants/{id}/outreach-contact?channel=` (scope outreach:contact). */
export interface RegistryContact {
  merchantId: string;
  status: string;
  displayName: string;
  contactName: string;
  timezone: string;
  channel: RegistryContactChannel;
  address: string | null;
  addressMasked: string | null;
  consent: { service: boolean; marketing: boolean };
  quietHours: { start: string; end: string };
}

/** A registry promotion as its history shows it. */
export interface RegistryPromotion {
  promotionId: string;
  bpsOff: number;
  startsAt: string;
  endsAt: string;
  reason?: string | null;
}

/** The registry failed in a way a retry may fix (5xx, timeout, unreachable). */
export class RegistryUnavailableError extends Error {
  override readonly name = 'RegistryUnavailableError';
}

/** The registry refused the request (4xx other than the ones a method handles). */
export class RegistryRejectedError extends Error {
  override readonly name = 'RegistryRejectedError';
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`registry answered ${status}: ${body.slice(0, 300)}`);
  }
}

/**
 * merchant-registry over REST: the registry owns PII, consent and fee plans; this service reads a
 * contact at send time and never stores it (only the mask).
 */
@Injectable()
export class MerchantRegistryClient {
  constructor(private readonly config: ReactivationCampaignsConfig) {}

  /** One channel's address and consent; null when the registry does not know the merchant. */
  async outreachContact(
    merchantId: string,
    channel: RegistryContactChannel,
  ): Promise<RegistryContact | null> {
    const path = `/v1/merchants/${encodeURIComponent(merchantId)}/outreach-contact?channel=${channel}`;
    const response = await this.call('GET', path);
    if (response.status === 404) return null;
    return this.json<RegistryContact>(response);
  }

  /** Records a consent withdrawal in the registry's ledger (e.g. the merchant asked not to be contacted). */
  async withdrawConsent(
    merchantId: string,
    channel: RegistryContactChannel,
    purpose: 'service' | 'marketing',
    source: string,
  ): Promise<void> {
    const path = `/v1/merchants/${encodeURIComponent(merchantId)}/consents`;
    await this.json(await this.call('POST', path, { channel, purpose, granted: false, source }));
  }

  /**
   * Grants X bps off for N days (it ends by itself in the registry). `conflict` when the merchant already
   * has an active promotion (the caller looks for its own by `reason`).
   */
  async grantPromotion(
    merchantId: string,
    grant: { bpsOff: number; days: number; reason: string },
  ): Promise<{ promotion: RegistryPromotion } | { conflict: true }> {
    const path = `/v1/merchants/${encodeURIComponent(merchantId)}/fee-promotions`;
    const response = await this.call('POST', path, grant);
    if (response.status === 409) return { conflict: true };
    const body = await this.json<{ id: string; bpsOff: number; startsAt: string; endsAt: string }>(response);
    return {
      promotion: {
        promotionId: body.id,
        bpsOff: body.bpsOff,
        startsAt: body.startsAt,
        endsAt: body.endsAt,
        reason: grant.reason,
      },
    };
  }

  /** The merchant's promotions (fee-plan history). */
  async promotions(merchantId: string): Promise<RegistryPromotion[]> {
    const path = `/v1/merchants/${encodeURIComponent(merchantId)}/fee-plans`;
    return (await this.json<{ promotions: RegistryPromotion[] }>(await this.call('GET', path))).promotions;
  }

  private async call(method: string, path: string, body?: unknown): Promise<Response> {
    try {
      return await fetch(`${this.config.REGISTRY_URL.replace(/\/$/, '')}${path}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(this.config.REGISTRY_API_KEY
            ? { authorization: `Bearer ${this.config.REGISTRY_API_KEY}` }
            : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.config.REGISTRY_TIMEOUT_MS),
      });
    } catch (error) {
      throw new RegistryUnavailableError(`registry ${method} ${path}: ${(error as Error).message}`);
    }
  }

  private async json<T>(response: Response): Promise<T> {
    const text = await response.text();
    if (response.status >= 500) throw new RegistryUnavailableError(`registry answered ${response.status}`);
    if (!response.ok) throw new RegistryRejectedError(response.status, text);
    return JSON.parse(text) as T;
  }
}
