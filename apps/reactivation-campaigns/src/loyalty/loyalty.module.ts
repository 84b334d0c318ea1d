import { Module } from '@nestjs/common';
import { ReactivationCampaignsConfig } from '../config/reactivation-campaigns.config';
import { MerchantRegistryClient } from '../registry/merchant-registry.client';
import { AccruePointsWhenActivityRecordedConsumer } from './consumers/accrue-points-when-activity-recorded.consumer';
import { RecordReferralWhenMerchantRegisteredConsumer } from './consumers/record-referral-when-merchant-registered.consumer';
import { ReferralRepository } from './referrals/referral.repository';
import { RecordReferralUseCase } from './use-cases/record-referral/record-referral.use-case';
import { RewardReferralsUseCase } from './use-cases/reward-referrals/reward-referrals.use-case';
import { LoyaltyJobs } from './jobs/loyalty.jobs';
import { LedgerRepository } from './ledger/ledger.repository';
import { LoyaltyController } from './loyalty.controller';
import { LOYALTY_SETTINGS, loyaltySettingsOf } from './loyalty.settings';
import { RedemptionRepository } from './redemptions/redemption.repository';
import { DaySnapshotRepository } from './rules/day-snapshot.repository';
import { LoyaltyRuleRepository } from './rules/loyalty-rule.repository';
import { AccruePointsUseCase } from './use-cases/accrue-points/accrue-points.use-case';
import { AdjustPointsUseCase } from './use-cases/adjust-points/adjust-points.use-case';
import { DefineRuleUseCase } from './use-cases/define-rule/define-rule.use-case';
import { ExpirePointsUseCase } from './use-cases/expire-points/expire-points.use-case';
import { ReconcileRedemptionsUseCase } from './use-cases/reconcile-redemptions/reconcile-redemptions.use-case';
import { RedeemPointsUseCase } from './use-cases/redeem-points/redeem-points.use-case';
import { SettleRedemptionUseCase } from './use-cases/settle-redemption/settle-redemption.use-case';

/** Loyalty points: the ledger, accrual from daily activity, expiry, adjustments, redemptions. */
@Module({
  controllers: [LoyaltyController],
  providers: [
    {
      provide: LOYALTY_SETTINGS,
      inject: [ReactivationCampaignsConfig],
      useFactory: loyaltySettingsOf,
    },
    MerchantRegistryClient,
    LedgerRepository,
    LoyaltyRuleRepository,
    DaySnapshotRepository,
    RedemptionRepository,
    AccruePointsUseCase,
    AdjustPointsUseCase,
    DefineRuleUseCase,
    ExpirePointsUseCase,
    RedeemPointsUseCase,
    SettleRedemptionUseCase,
    ReconcileRedemptionsUseCase,
    ReferralRepository,
    RecordReferralUseCase,
    RewardReferralsUseCase,
    AccruePointsWhenActivityRecordedConsumer,
    RecordReferralWhenMerchantRegisteredConsumer,
    LoyaltyJobs,
  ],
  exports: [LOYALTY_SETTINGS, LedgerRepository, DaySnapshotRepository, MerchantRegistryClient],
})
export class LoyaltyModule {}
