import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { EventType, topicOf } from '@merchant-pulse/contracts';
import { enqueueOutboxEvents } from '@merchant-pulse/kafka';
import { EntityManager } from 'typeorm';
import { DailyActivityRepository } from '../../daily-activity.repository';
import { dailyActivityEvent } from '../../daily-activity.snapshot';

/** Dirty merchant-days claimed per transaction. */
export const SNAPSHOT_CLAIM_LIMIT = 2_000;

/**
 * One publisher round (in the caller's transaction): claims up to {@link SNAPSHOT_CLAIM_LIMIT} dirty
 * merchant-days, reads their ABSOLUTE totals and enqueues one MerchantDailyActivity per merchant-day
 * through the outbox. Snapshots are absolute, so a republished or reordered one is harmless; a chunk
 * committing after the claim marks its merchant-day dirty again for the next round. Returns how many
 * were claimed (the caller loops while a round is full).
 */
@Injectable()
export class PublishDailyActivitySnapshotsUseCase {
  constructor(
    private readonly activity: DailyActivityRepository,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute(manager: EntityManager): Promise<number> {
    const keys = await this.activity.claimDirty(manager, SNAPSHOT_CLAIM_LIMIT);
    if (keys.length === 0) return 0;
    // A separate statement AFTER the claim: sees every chunk that committed before the marks were locked.
    const totals = await this.activity.totalsOf(manager, keys);
    const asOf = this.clock.now();
    await enqueueOutboxEvents(
      manager,
      totals.map((row) => dailyActivityEvent(row, asOf)),
      (type) => topicOf(type as EventType),
    );
    return keys.length;
  }
}
