import { Injectable } from '@nestjs/common';
import { PiiSealer } from '../../../pii/pii.sealer';
import { decodeCursor, encodeCursor, Page } from '../../../shared/cursor';
import { MerchantView } from '../../dto/merchant.view';
import { ListMerchantsQuery } from '../../dto/list-merchants.query';
import { MerchantRepository } from '../../merchant.repository';
import { presentMerchant } from '../../merchant.presenter';

/** Default and maximum page sizes. */
export const DEFAULT_PAGE_SIZE = 50;

/**
 * Lists merchants newest first with keyset pagination. Phone and ID-number filters go through the
 * blind index (every ring key's candidate), never through decryption.
 */
@Injectable()
export class ListMerchantsUseCase {
  constructor(
    private readonly merchants: MerchantRepository,
    private readonly sealer: PiiSealer,
  ) {}

  async execute(query: ListMerchantsQuery & { revealPii: boolean }): Promise<Page<MerchantView>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.merchants.list({
      status: query.status,
      behaviourTier: query.tier,
      valueTier: query.valueTier,
      city: query.city,
      region: query.region,
      createdFrom: query.createdFrom ? new Date(query.createdFrom) : undefined,
      createdTo: query.createdTo ? new Date(query.createdTo) : undefined,
      phoneIndexes: query.phone ? this.lookupKeys('phone', query.phone) : undefined,
      idNumberIndexes: query.idNumber ? this.lookupKeys('id_number', query.idNumber) : undefined,
      after: query.cursor ? decodeCursor(query.cursor) : undefined,
      limit: limit + 1,
    });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map((m) => presentMerchant(m, query.revealPii ? this.sealer : undefined)),
      nextCursor:
        rows.length > limit && last
          ? encodeCursor({ at: new Date(last.createdAt).toISOString(), id: last.id })
          : null,
    };
  }

  private lookupKeys(kind: 'phone' | 'id_number', value: string): string[] {
    try {
      return this.sealer.lookupKeys(kind, value);
    } catch {
      return []; // not a mainland mobile (or empty): nothing can match
    }
  }
}
