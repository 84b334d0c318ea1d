import { Injectable } from '@nestjs/common';
import { MerchantRiskRepository, RiskHistoryEntry, StoredRisk } from '../../merchant-risk.repository';

/** A merchant's current risk with its last 50 changes; null when never scored. */
@Injectable()
export class GetMerchantRiskUseCase {
  constructor(private readonly risks: MerchantRiskRepository) {}

  async execute(merchantId: string): Promise<(StoredRisk & { history: RiskHistoryEntry[] }) | null> {
    const current = (await this.risks.findCurrent(this.risks.reader, [merchantId])).get(merchantId);
    if (!current) return null;
    return { ...current, history: await this.risks.history(merchantId, 50) };
  }
}
