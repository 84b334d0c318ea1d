import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** Referrals recorded at application time (see the MerchantReferrals migration). */
@Injectable()
export class ReferralRepository {
  async insert(
    manager: EntityManager,
    referral: {
      merchantId: string;
      referrerMerchantId: string;
      samePartyAsReferrer: boolean;
      recordedAt: Date;
    },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO merchant_referrals (merchant_id, referrer_merchant_id, same_party_as_referrer, recorded_at)
       VALUES ($1, $2, $3, $4)`,
      [referral.merchantId, referral.referrerMerchantId, referral.samePartyAsReferrer, referral.recordedAt],
    );
  }
}
