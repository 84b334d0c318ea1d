import { Module } from '@nestjs/common';
import { LoyaltyModule } from '../loyalty/loyalty.module';
import { RecordValueTierWhenRiskChangedConsumer } from './consumers/record-value-tier-when-risk-changed.consumer';
import { MembershipController } from './membership.controller';
import { MembershipJobs } from './membership.jobs';
import { MembershipMetrics } from './membership.metrics';
import { MembershipRepository } from './membership.repository';
import { RecalculateMembershipsUseCase } from './use-cases/recalculate-memberships/recalculate-memberships.use-case';

/** Membership tiers from trailing volume, value tier and tenure, with hysteresis; MembershipChanged events. */
@Module({
  imports: [LoyaltyModule],
  controllers: [MembershipController],
  providers: [
    MembershipRepository,
    MembershipMetrics,
    RecalculateMembershipsUseCase,
    RecordValueTierWhenRiskChangedConsumer,
    MembershipJobs,
  ],
})
export class MembershipModule {}
