import { Injectable } from '@nestjs/common';
import { MerchantRiskRepository, RiskListQuery, sortKeyOf, StoredRisk } from '../../merchant-risk.repository';
import { encodeCursor } from '../../risk-cursor';

/** Ranked merchants filtered by tier, value, band, reason and region, in one of the sorts, a page at a time. */
@Injectable()
export class ListMerchantRisksUseCase {
  constructor(private readonly risks: MerchantRiskRepository) {}

  async execute(query: RiskListQuery): Promise<{ items: StoredRisk[]; nextCursor: string | null }> {
    const rows = await this.risks.list({ ...query, limit: query.limit + 1 });
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor:
        rows.length > query.limit && last
          ? encodeCursor({ sort: query.sort, key: sortKeyOf(last, query.sort), merchantId: last.merchantId })
          : null,
    };
  }
}
