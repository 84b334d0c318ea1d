import type { Logger } from '@merchant-pulse/observability';
import type { DataSource, EntityManager } from 'typeorm';
import { TransactionIngestionConfig } from '../config/transaction-ingestion.config';
import { DailyActivitySnapshotPublisher } from './daily-activity.publisher';
import type { PublishDailyActivitySnapshotsUseCase } from './use-cases/publish-daily-activity-snapshots/publish-daily-activity-snapshots.use-case';

/** A publisher over a dirty set of `dirty` merchant-days, recording each round's limit and start time. */
function setup(dirty: number, maxPerSecond: number) {
  let left = dirty;
  const rounds: Array<{ limit: number; at: number }> = [];
  const publish = {
    execute: async (_manager: EntityManager, limit: number) => {
      rounds.push({ limit, at: Date.now() });
      const claimed = Math.min(limit, left);
      left -= claimed;
      return claimed;
    },
  } as unknown as PublishDailyActivitySnapshotsUseCase;
  const dataSource = {
    transaction: (work: (manager: EntityManager) => Promise<number>) => work({} as EntityManager),
  } as unknown as DataSource;
  const config = Object.assign(new TransactionIngestionConfig(), { SNAPSHOT_MAX_PER_SECOND: maxPerSecond });
  const publisher = new DailyActivitySnapshotPublisher(dataSource, publish, config, {} as Logger);
  return { publisher, rounds };
}

describe(DailyActivitySnapshotPublisher.name, () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it('should spread full rounds so that no more than SNAPSHOT_MAX_PER_SECOND snapshots go out per second', async () => {
    const { publisher, rounds } = setup(1_700, 1_000);
    const flushed = publisher.flush();
    await jest.advanceTimersByTimeAsync(2_000);
    expect(await flushed).toBe(1_700);
    // 500 per round: the 2nd may start only once 500 are "paid for" (0.5 s), the 3rd at 1 s, the 4th at 1.5 s.
    expect(rounds.map((r) => r.limit)).toEqual([500, 500, 500, 500]);
    const start = rounds[0].at;
    expect(rounds.map((r) => r.at - start)).toEqual([0, 500, 1_000, 1_500]);
  });

  it('should claim rounds no larger than the rate itself when the rate is below the claim limit', async () => {
    const { publisher, rounds } = setup(250, 100);
    const flushed = publisher.flush();
    await jest.advanceTimersByTimeAsync(3_000);
    expect(await flushed).toBe(250);
    expect(rounds.map((r) => r.limit)).toEqual([100, 100, 100]);
    expect(rounds.map((r) => r.at - rounds[0].at)).toEqual([0, 1_000, 2_000]);
  });

  it('should publish a partial round at once and stop without waiting', async () => {
    const { publisher, rounds } = setup(42, 1_000);
    expect(await publisher.flush()).toBe(42);
    expect(rounds).toHaveLength(1);
  });

  it('should stop between rounds once shutdown begins, leaving the rest marked', async () => {
    const { publisher, rounds } = setup(5_000, 1_000);
    const flushed = publisher.flush();
    await jest.advanceTimersByTimeAsync(10);
    await publisher.onApplicationShutdown();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(await flushed).toBe(500);
    expect(rounds).toHaveLength(1);
  });
});
