import { Injectable } from '@nestjs/common';
import { ReactivationCampaignsConfig } from '../../config/reactivation-campaigns.config';

/** The registry answered with a business refusal (4xx): the request must not be retried as is. */
export class LoyaltyRegistryRefusedError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'LoyaltyRegistryRefusedError';
  }
}

/** The registry could not be reached or failed (5xx, timeout): the outcome is unknown. */
export class LoyaltyRegistryUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LoyaltyRegistryUnavailableError';
  }
}

/** A promotion as the registry returns it. */
export interface RegistryPromotion {
  id?: string;
  promotionId?: string;
  bpsOff: number;
  startsAt: string;
  endsAt: string;
  reason?: string | null;
}

const TIMEOUT_MS = 5_000;

/**
 * merchant-registry's REST API, called with this service's API key (`REGISTRY_API_KEY`,
 * scope `merchants:write`). 4xx → {@link LoyaltyRegistryRefusedError}; network errors, timeouts and 5xx →
 * {@link LoyaltyRegistryUnavailableError}.
 */
@Injectable()
export class LoyaltyRegistryClient {
  constructor(private readonly config: ReactivationCampaignsConfig) {}

  /** POST /v1/merchants/{id}/fee-promotions: `bpsOff` off every rate for `days` days. */
  grantFeePromotion(
    merchantId: string,
    bpsOff: number,
    days: number,
    reason: string,
  ): Promise<RegistryPromotion> {
    return this.request('POST', `/v1/merchants/${encodeURIComponent(merchantId)}/fee-promotions`, {
      bpsOff,
      days,
      reason,
    });
  }

  /** GET /v1/merchants/{id}/fee-plans: the promotions granted to the merchant (to reconcile a lost answer). */
  async promotions(merchantId: string): Promise<RegistryPromotion[]> {
    const history = await this.request<{ promotions: RegistryPromotion[] }>(
      'GET',
      `/v1/merchants/${encodeURIComponent(merchantId)}/fee-plans`,
    );
    return history.promotions ?? [];
  }

  /** POST /v1/terminals/{id}/recall: the terminal goes back to inventory (unassigned). */
  recallTerminal(terminalId: string, reason: string): Promise<object> {
    return this.request('POST', `/v1/terminals/${encodeURIComponent(terminalId)}/recall`, { reason });
  }

  private async request<T>(method: 'GET' | 'POST', path: string, body?: object): Promise<T> {
    let response: Response;
    try {
      response = await fetch(new URL(path, this.config.REGISTRY_URL), {
        method,
        headers: {
          'content-type': 'application/json',
          ...(this.config.REGISTRY_API_KEY
            ? { authorization: `Bearer ${this.config.REGISTRY_API_KEY}` }
            : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw new LoyaltyRegistryUnavailableError(`${method} ${path}: ${(error as Error).message}`);
    }
    const text = await response.text();
    const parsed = text ? (safeJson(text) as Record<string, unknown> | null) : null;
    if (response.status >= 500)
      throw new LoyaltyRegistryUnavailableError(`${method} ${path}: HTTP ${response.status}`);
    if (response.status >= 400) {
      const code = typeof parsed?.code === 'string' ? parsed.code : `http_${response.status}`;
      const message = typeof parsed?.message === 'string' ? parsed.message : text.slice(0, 300);
      throw new LoyaltyRegistryRefusedError(response.status, code, message);
    }
    return parsed as T;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
