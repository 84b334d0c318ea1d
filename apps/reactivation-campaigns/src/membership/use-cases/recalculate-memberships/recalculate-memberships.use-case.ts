import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { createEvent, MEMBERSHIP_TIERS, topicOf } from '@merchant-pulse/contracts';
import { withTransaction } from '@merchant-pulse/database';
import { enqueueOutboxEvents } from '@merchant-pulse/kafka';
import { DataSource } from 'typeorm';
import { LOYALTY_SETTINGS, LoyaltySettings, localDate } from '../../../loyalty/loyalty.settings';
import { LOYALTY_PRODUCER } from '../../../loyalty/use-cases/settle-redemption/settle-redemption.use-case';
import { MembershipMetrics } from '../../membership.metrics';
import { decideTier, privilegesOf } from '../../membership.policy';
import { MembershipRepository } from '../../membership.repository';

const PAGE = 500;

/**
 * Recalculates every merchant's tier as of the clock's local date (hysteresis in the policy), one
 * page per transaction: a change is saved, kept in the history and published as MembershipChanged
 * (outbox) together. A merchant's first assessment at `standard` is stored silently. Pages are
 * serialised across replicas, so two concurrent runs publish each change once.
 */
@Injectable()
export class RecalculateMembershipsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly memberships: MembershipRepository,
    private readonly metrics: MembershipMetrics,
    private readonly clock: Clock,
    @Inject(LOYALTY_SETTINGS) private readonly settings: LoyaltySettings,
  ) {}

  async execute(): Promise<{ asOfDate: string; assessed: number; changed: number }> {
    const now = this.clock.now();
    const asOfDate = localDate(now, this.settings.timezone);
    let after = '';
    let assessed = 0;
    let changed = 0;
    for (;;) {
      const page = await withTransaction(this.dataSource, async (manager) => {
        await manager.query(
          `SELECT pg_advisory_xact_lock(hashtext('reactivation.membership-recalculation'))`,
        );
        const candidates = await this.memberships.candidates(manager, asOfDate, after, PAGE);
        const events = [];
        for (const c of candidates) {
          const decision = decideTier(c.current, c);
          const isChange = decision.tier !== (c.current ?? 'standard');
          const since =
            isChange || !c.current
              ? now.toISOString()
              : ((await this.memberships.sinceOf(manager, c.merchantId)) ?? now.toISOString());
          await this.memberships.save(
            manager,
            {
              merchantId: c.merchantId,
              tier: decision.tier,
              since,
              assessedOn: asOfDate,
              trailingVolumeMinor: c.trailingVolumeMinor,
              tenureDays: c.tenureDays,
              reason: decision.reason,
            },
            isChange ? c.current : undefined,
            now,
          );
          if (!isChange) continue;
          this.metrics.changes.inc({ to: decision.tier });
          events.push(
            createEvent('MembershipChanged', {
              merchantId: c.merchantId,
              producer: LOYALTY_PRODUCER,
              occurredAt: now.toISOString(),
              payload: {
                ...(c.current ? { from: c.current } : {}),
                to: decision.tier,
                privileges: privilegesOf(decision.tier),
                trailingVolumeMinor: c.trailingVolumeMinor,
                tenureDays: c.tenureDays,
                reason: decision.reason.slice(0, 500),
                changedAt: now.toISOString(),
              },
            }),
          );
        }
        await enqueueOutboxEvents(manager, events, (type) => topicOf(type as 'MembershipChanged'));
        return { candidates, changes: events.length };
      });
      assessed += page.candidates.length;
      changed += page.changes;
      if (page.candidates.length < PAGE) break;
      after = page.candidates[page.candidates.length - 1].merchantId;
    }
    const counts = await this.memberships.countsByTier();
    for (const tier of MEMBERSHIP_TIERS) this.metrics.members.set({ tier }, counts[tier] ?? 0);
    return { asOfDate, assessed, changed };
  }
}
