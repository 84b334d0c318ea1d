import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { EntityManager } from 'typeorm';
import { LedgerRepository } from '../../ledger/ledger.repository';
import { addMonths } from '../../rules/accrual-rules';
import { LOYALTY_SETTINGS, LoyaltySettings, localDate } from '../../loyalty.settings';
import { ReferralRepository } from '../../referrals/referral.repository';

/**
 * Rewards the referrer once the referred merchant has traded on K approved days (not at sign-up):
 * one `referral` journal per referred merchant (its key makes a second reward impossible). Called in
 * the transaction that recorded new activity or a new referral, whichever arrives last.
 */
@Injectable()
export class RewardReferralsUseCase {
  constructor(
    private readonly referrals: ReferralRepository,
    private readonly ledger: LedgerRepository,
    private readonly clock: Clock,
    @Inject(LOYALTY_SETTINGS) private readonly settings: LoyaltySettings,
  ) {}

  async execute(manager: EntityManager, referredIds: readonly string[]): Promise<{ rewarded: number }> {
    const waiting = await this.referrals.lockWaiting(manager, [...new Set(referredIds)]);
    if (waiting.length === 0) return { rewarded: 0 };
    const days = await this.referrals.tradingDayCounts(
      manager,
      waiting.map((w) => w.referredMerchantId),
    );
    const now = this.clock.now();
    const qualified = waiting.filter(
      (w) => (days.get(w.referredMerchantId) ?? 0) >= this.settings.referralQualifyingDays,
    );
    await this.ledger.lockAccounts(
      manager,
      qualified.map((q) => q.referrerMerchantId),
    );
    for (const q of qualified) {
      await this.ledger.post(
        manager,
        [
          {
            merchantId: q.referrerMerchantId,
            kind: 'referral',
            points: this.settings.referralRewardPoints,
            idempotencyKey: `referral:${q.referredMerchantId}`,
            expiresOn: addMonths(localDate(now, this.settings.timezone), this.settings.pointsValidMonths),
            reason: `referred ${q.referredMerchantId}, who traded ${this.settings.referralQualifyingDays} days`,
            actor: 'referral',
            reference: q.referredMerchantId,
          },
        ],
        now,
      );
      await this.referrals.markRewarded(manager, q.referredMerchantId, now);
    }
    return { rewarded: qualified.length };
  }
}
