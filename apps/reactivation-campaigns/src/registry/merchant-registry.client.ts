import { Injectable } from '@nestjs/common';
import type { PerChannelFeeTerms } from '@merchant-pulse/fees';
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

/** The registry refused the request (4xx other than the ones a method handles): not retried as is. */
export class RegistryRejectedError extends Error {
  override readonly name = 'RegistryRejectedError';
  /** The registry's error code (`code` of its JSON body), or `http_<status>`. */
  readonly code: string;
  /** The registry's own message (`message` of its JSON body), or the start of the body. */
  readonly detail: string;
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`registry answered ${status}: ${body.slice(0, 300)}`);
    const parsed = safeJson(body);
    this.code = typeof parsed?.code === 'string' ? parsed.code : `http_${status}`;
    this.detail = typeof parsed?.message === 'string' ? parsed.message : body.slice(0, 300);
  }
}

function safeJson(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * merchant-registry over REST, the one client of this service (outreach, offers, loyalty redemptions,
 * idle-terminal recalls): the registry owns PII, consent, fee plans and terminals; this service reads a
 * contact at send time and never stores it (only the mask). 5xx, timeouts and network errors →
 * {@link RegistryUnavailableError} (outcome unknown); other 4xx → {@link RegistryRejectedError}.
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
   * Grants X bps off for N days (it ends by itself in the registry). `conflict` (with the registry's code,
   * e.g. `promotion_active`, `no_fee_plan`) on a 409: the caller looks for its own promotion by `reason`.
   */
  async grantPromotion(
    merchantId: string,
    grant: { bpsOff: number; days: number; reason: string },
  ): Promise<{ promotion: RegistryPromotion } | { conflict: true; rejection: RegistryRejectedError }> {
    const path = `/v1/merchants/${encodeURIComponent(merchantId)}/fee-promotions`;
    const response = await this.call('POST', path, grant);
    if (response.status === 409)
      return { conflict: true, rejection: new RegistryRejectedError(409, await response.text()) };
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

  /**
   * The base terms of the merchant's plan in force now (`GET /v1/merchants/{id}/fee-plans/current`,
   * promotions excluded); null when the registry does not know the merchant.
   */
  async currentBaseTerms(merchantId: string): Promise<PerChannelFeeTerms | null> {
    const path = `/v1/merchants/${encodeURIComponent(merchantId)}/fee-plans/current`;
    const response = await this.call('GET', path);
    if (response.status === 404) return null;
    return (await this.json<{ baseTerms: PerChannelFeeTerms }>(response)).baseTerms ?? null;
  }

  /** `POST /v1/terminals/{id}/recall`: the terminal goes back to inventory (unassigned); 409 when it is not assigned. */
  async recallTerminal(terminalId: string, reason: string): Promise<void> {
    const path = `/v1/terminals/${encodeURIComponent(terminalId)}/recall`;
    await this.json(await this.call('POST', path, { reason }));
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
