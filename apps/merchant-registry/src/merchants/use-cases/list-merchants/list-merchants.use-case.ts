import { Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { PiiAccessAuditRepository } from '../../../pii-access/pii-access-audit.repository';
import { PiiSealer } from '../../../pii/pii.sealer';
import { decodeCursor, encodeCursor, Page } from '../../../shared/cursor';
import { MerchantView } from '../../dto/merchant.view';
import { ListMerchantsQuery } from '../../dto/list-merchants.query';
import { MerchantRepository } from '../../merchant.repository';
import { presentMerchant } from '../../merchant.presenter';

/** Default and maximum page sizes. */
export const DEFAULT_PAGE_SIZE = 50;

/**
 * Lists merchants newest first with keyset pagination. Searching by phone or ID number is a separate,
 * audited use case ({@link SearchMerchantsUseCase}); every merchant whose PII a page reveals is audited.
 */
@Injectable()
export class ListMerchantsUseCase {
  constructor(
    private readonly merchants: MerchantRepository,
    private readonly sealer: PiiSealer,
    private readonly audit: PiiAccessAuditRepository,
    private readonly clock: Clock,
  ) {}

  async execute(
    query: ListMerchantsQuery & { revealPii: boolean; actor: string },
  ): Promise<Page<MerchantView>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.merchants.list({
      status: query.status,
      behaviourTier: query.tier,
      valueTier: query.valueTier,
      city: query.city,
      region: query.region,
      name: query.name,
      ids: query.ids?.split(','),
      createdFrom: query.createdFrom ? new Date(query.createdFrom) : undefined,
      createdTo: query.createdTo ? new Date(query.createdTo) : undefined,
      after: query.cursor ? decodeCursor(query.cursor) : undefined,
      limit: limit + 1,
    });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    if (query.revealPii) {
      const detail = 'GET /v1/merchants';
      const entries = items.map((m) => ({
        actor: query.actor,
        action: 'reveal' as const,
        merchantId: m.id,
        detail,
      }));
      await this.audit.append(entries, this.clock.now());
    }
    return {
      items: items.map((m) => presentMerchant(m, query.revealPii ? this.sealer : undefined)),
      nextCursor:
        rows.length > limit && last
          ? encodeCursor({ at: new Date(last.createdAt).toISOString(), id: last.id })
          : null,
    };
  }
}
