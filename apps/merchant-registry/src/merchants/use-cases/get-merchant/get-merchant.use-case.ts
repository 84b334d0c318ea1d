import { Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { PiiAccessAuditRepository } from '../../../pii-access/pii-access-audit.repository';
import { PiiSealer } from '../../../pii/pii.sealer';
import { NotFoundError } from '../../../shared/domain.errors';
import { MerchantView } from '../../dto/merchant.view';
import { MerchantRepository } from '../../merchant.repository';
import { presentMerchant } from '../../merchant.presenter';

/**
 * One merchant by id: one primary-key query; reads and decrypts the sealed PII only when `revealPii`
 * (scope `pii:read`), and then records the reveal in the PII access audit first.
 */
@Injectable()
export class GetMerchantUseCase {
  constructor(
    private readonly merchants: MerchantRepository,
    private readonly sealer: PiiSealer,
    private readonly audit: PiiAccessAuditRepository,
    private readonly clock: Clock,
  ) {}

  async execute(query: { merchantId: string; revealPii: boolean; actor: string }): Promise<MerchantView> {
    if (query.revealPii) {
      const merchant = await this.merchants.findById(query.merchantId);
      if (!merchant) throw new NotFoundError('merchant', query.merchantId);
      await this.audit.append(
        [{ actor: query.actor, action: 'reveal', merchantId: merchant.id, detail: 'GET /v1/merchants/{id}' }],
        this.clock.now(),
      );
      return presentMerchant(merchant, this.sealer);
    }
    // Masked (the common case): the sealed PII columns are not even read.
    const merchant = await this.merchants.findMaskedById(query.merchantId);
    if (!merchant) throw new NotFoundError('merchant', query.merchantId);
    return presentMerchant(merchant);
  }
}
