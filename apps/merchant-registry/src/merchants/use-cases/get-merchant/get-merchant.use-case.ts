import { Injectable } from '@nestjs/common';
import { PiiSealer } from '../../../pii/pii.sealer';
import { NotFoundError } from '../../../shared/domain.errors';
import { MerchantView } from '../../dto/merchant.view';
import { MerchantRepository } from '../../merchant.repository';
import { presentMerchant } from '../../merchant.presenter';

/**
 * One merchant by id: one primary-key query; reads and decrypts the sealed PII only when `revealPii`
 * (scope `pii:read`).
 */
@Injectable()
export class GetMerchantUseCase {
  constructor(
    private readonly merchants: MerchantRepository,
    private readonly sealer: PiiSealer,
  ) {}

  async execute(query: { merchantId: string; revealPii: boolean }): Promise<MerchantView> {
    if (query.revealPii) {
      const merchant = await this.merchants.findById(query.merchantId);
      if (!merchant) throw new NotFoundError('merchant', query.merchantId);
      return presentMerchant(merchant, this.sealer);
    }
    // Masked (the common case): the sealed PII columns are not even read.
    const merchant = await this.merchants.findMaskedById(query.merchantId);
    if (!merchant) throw new NotFoundError('merchant', query.merchantId);
    return presentMerchant(merchant);
  }
}
