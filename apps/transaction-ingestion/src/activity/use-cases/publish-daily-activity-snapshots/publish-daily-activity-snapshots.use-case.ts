import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { topicOf } from '@merchant-pulse/contracts';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { DailyActivityRepository } from '../../daily-activity.repository';

/** Most dirty merchant-days claimed per transaction. */
export const SNAPSHOT_CLAIM_LIMIT = 500;

/**
 * One publisher round (in the caller's transaction): claims up to {@link SNAPSHOT_CLAIM_LIMIT} dirty
 * merchant-days, then, in a LATER statement (so it sees every chunk that committed before the marks
 * were locked), enqueues one MerchantDailyActivity of their ABSOLUTE totals per merchant-day through
 * the outbox. Snapshots are absolute, so a republished or reordered one is harmless; a chunk
 * committing after the claim marks its merchant-day dirty again for the next round. Returns how many
 * were claimed (the caller loops while a round is full).
 */
@Injectable()
export class PublishDailyActivitySnapshotsUseCase {
  constructor(
    private readonly activity: DailyActivityRepository,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute(manager: EntityManager, limit = SNAPSHOT_CLAIM_LIMIT): Promise<number> {
    const keys = await this.activity.claimDirty(manager, Math.min(limit, SNAPSHOT_CLAIM_LIMIT));
    if (keys.length === 0) return 0;
    await this.activity.enqueueSnapshots(
      manager,
      keys,
      keys.map(() => uuidv7()),
      this.clock.now(),
      topicOf('MerchantDailyActivity'),
    );
    return keys.length;
  }
}
