import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { EntityManager } from 'typeorm';
import { LOYALTY_SETTINGS, LoyaltySettings } from '../../loyalty.settings';
import { LedgerRepository } from '../../ledger/ledger.repository';
import { latestDays } from '../../rules/accrual-rules';
import { DaySnapshotRepository } from '../../rules/day-snapshot.repository';
import { LoyaltyRuleRepository } from '../../rules/loyalty-rule.repository';
import { RewardReferralsUseCase } from '../reward-referrals/reward-referrals.use-case';
import { AccruePointsCommand } from './accrue-points.command';
import { planAccruals } from './accrual.plan';

/**
 * Accrues points from day snapshots inside the consumer's transaction: keeps the snapshots newer than
 * the stored ones, and posts per (merchant, day, rule version) the difference between what the
 * snapshot earns and what was posted. Replays post nothing; corrections post the difference.
 */
@Injectable()
export class AccruePointsUseCase {
  constructor(
    private readonly snapshots: DaySnapshotRepository,
    private readonly rules: LoyaltyRuleRepository,
    private readonly ledger: LedgerRepository,
    private readonly referrals: RewardReferralsUseCase,
    private readonly clock: Clock,
    @Inject(LOYALTY_SETTINGS) private readonly settings: LoyaltySettings,
  ) {}

  async execute(manager: EntityManager, command: AccruePointsCommand): Promise<{ journals: number }> {
    const days = latestDays(command.days);
    if (days.length === 0) return { journals: 0 };
    await this.ledger.lockAccounts(
      manager,
      days.map((d) => d.merchantId),
    );
    const changed = await this.snapshots.upsertNewer(manager, days);
    if (changed.length === 0) return { journals: 0 };
    const rules = await this.rules.all(manager);
    const posted = await this.ledger.postedAccruals(manager, changed);
    const drafts = planAccruals(changed, rules, posted, this.settings.pointsValidMonths);
    const done = await this.ledger.post(manager, drafts, this.clock.now());
    // New trading days may qualify a referral of these merchants.
    await this.referrals.execute(
      manager,
      changed.map((d) => d.merchantId),
    );
    return { journals: done.length };
  }
}
