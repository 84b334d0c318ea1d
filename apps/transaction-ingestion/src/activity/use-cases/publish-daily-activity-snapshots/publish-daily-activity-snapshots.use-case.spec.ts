import { FakeClock } from '@merchant-pulse/clock';
import type { EntityManager } from 'typeorm';
import { validate as validateUuid, version as uuidVersion } from 'uuid';
import type { DailyActivityRepository } from '../../daily-activity.repository';
import { PublishDailyActivitySnapshotsUseCase } from './publish-daily-activity-snapshots.use-case';

interface Enqueued {
  keys: Array<{ merchantId: string; localDate: string }>;
  ids: string[];
  asOf: Date;
  topic: string;
}

function setup(claimed: string[]) {
  const order: string[] = [];
  const enqueued: Enqueued[] = [];
  const repository = {
    claimDirty: async () => {
      order.push('claim');
      return claimed.map((merchantId) => ({ merchantId, localDate: '2026-01-01' }));
    },
    enqueueSnapshots: async (
      _m: unknown,
      keys: Enqueued['keys'],
      ids: string[],
      asOf: Date,
      topic: string,
    ) => {
      order.push('enqueue');
      enqueued.push({ keys, ids, asOf, topic });
      return keys.length;
    },
  } as unknown as DailyActivityRepository;
  const useCase = new PublishDailyActivitySnapshotsUseCase(repository, new FakeClock('2026-01-01T03:00:00Z'));
  return { useCase, manager: {} as EntityManager, order, enqueued };
}

describe(PublishDailyActivitySnapshotsUseCase.name, () => {
  it('should enqueue one snapshot per claimed merchant-day, each with its own UUIDv7, after the claim', async () => {
    const { useCase, manager, order, enqueued } = setup(['m-1', 'm-2']);
    expect(await useCase.execute(manager)).toBe(2);
    expect(order).toEqual(['claim', 'enqueue']);
    const [call] = enqueued;
    expect(call.keys.map((k) => k.merchantId)).toEqual(['m-1', 'm-2']);
    expect(call.ids).toHaveLength(2);
    expect(new Set(call.ids).size).toBe(2);
    for (const id of call.ids) expect(validateUuid(id) && uuidVersion(id)).toBe(7);
    expect(call.asOf.toISOString()).toBe('2026-01-01T03:00:00.000Z');
    expect(call.topic).toBe('merchant.activity.v1');
  });

  it('should enqueue nothing when no merchant-day is dirty', async () => {
    const { useCase, manager, order, enqueued } = setup([]);
    expect(await useCase.execute(manager)).toBe(0);
    expect(order).toEqual(['claim']);
    expect(enqueued).toEqual([]);
  });
});
