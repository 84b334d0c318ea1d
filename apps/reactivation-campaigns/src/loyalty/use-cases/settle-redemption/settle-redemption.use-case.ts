import { Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { createEvent, topicOf } from '@merchant-pulse/contracts';
import { withTransaction } from '@merchant-pulse/database';
import { enqueueOutboxEvents } from '@merchant-pulse/kafka';
import { DataSource, EntityManager } from 'typeorm';
import { LedgerRepository } from '../../ledger/ledger.repository';
import { catalogueItem } from '../../redemptions/reward.catalogue';
import { Redemption, RedemptionRepository } from '../../redemptions/redemption.repository';

/** The producer name on loyalty events. */
export const LOYALTY_PRODUCER = 'reactivation-campaigns';

/**
 * The end states of the redemption saga. `complete` records the reward (and publishes
 * LoyaltyRewardRedeemed); `compensate` returns the debited points with a `redemption_reversal`
 * journal. Both act only on a still-pending redemption, so a late duplicate settles nothing.
 */
@Injectable()
export class SettleRedemptionUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly redemptions: RedemptionRepository,
    private readonly ledger: LedgerRepository,
    private readonly clock: Clock,
  ) {}

  async complete(redemptionId: string, externalReference: string | null): Promise<Redemption | null> {
    return withTransaction(this.dataSource, async (manager) => {
      const pending = await this.redemptions.lockPending(manager, redemptionId);
      if (!pending) return null;
      const now = this.clock.now();
      await this.redemptions.settle(manager, redemptionId, 'completed', now, { externalReference });
      await this.publishRedeemed(manager, { ...pending, externalReference }, now);
      return { ...pending, state: 'completed', externalReference, settledAt: now.toISOString() };
    });
  }

  async compensate(redemptionId: string, reason: string): Promise<Redemption | null> {
    return withTransaction(this.dataSource, async (manager) => {
      const pending = await this.redemptions.lockPending(manager, redemptionId);
      if (!pending) return null;
      const now = this.clock.now();
      await this.ledger.lockAccount(manager, pending.merchantId);
      await this.ledger.post(
        manager,
        [
          {
            merchantId: pending.merchantId,
            kind: 'redemption_reversal',
            points: pending.points,
            idempotencyKey: `redemption-reversal:${redemptionId}`,
            reason: `refused: ${reason}`.slice(0, 500),
            actor: 'redemption-saga',
            reference: redemptionId,
          },
        ],
        now,
      );
      await this.redemptions.settle(manager, redemptionId, 'compensated', now, { failureReason: reason });
      return { ...pending, state: 'compensated', failureReason: reason, settledAt: now.toISOString() };
    });
  }

  /** Publishes LoyaltyRewardRedeemed in the caller's transaction (outbox). */
  async publishRedeemed(manager: EntityManager, r: Redemption, at: Date): Promise<void> {
    const item = catalogueItem(r.item);
    if (!item) return;
    const event = createEvent('LoyaltyRewardRedeemed', {
      merchantId: r.merchantId,
      producer: LOYALTY_PRODUCER,
      occurredAt: at.toISOString(),
      payload: {
        redemptionId: r.redemptionId,
        kind: item.kind,
        item: item.id,
        points: r.points,
        ...(r.externalReference ? { externalReference: r.externalReference } : {}),
        redeemedAt: at.toISOString(),
      },
    });
    await enqueueOutboxEvents(manager, [event], (type) => topicOf(type as 'LoyaltyRewardRedeemed'));
  }
}
