import { FakeClock } from '@merchant-pulse/clock';
import { validateEvent } from '@merchant-pulse/contracts';
import type { EntityManager } from 'typeorm';
import type { DailyActivityRepository, DailyActivityRow } from '../../daily-activity.repository';
import { PublishDailyActivitySnapshotsUseCase } from './publish-daily-activity-snapshots.use-case';

const row = (merchantId: string): DailyActivityRow => ({
  merchantId,
  localDate: '2026-01-01',
  timezone: 'Asia/Shanghai',
  currency: 'CNY',
  approvedCount: 2,
  approvedAmountMinor: 30_000,
  declinedCount: 1,
  refundCount: 0,
  refundAmountMinor: 0,
  reversalCount: 0,
  reversalAmountMinor: 0,
  feeMinor: 98,
  cardReadFailureCount: 1,
  byChannel: new Array<number>(15).fill(0),
  hourlyApproved: new Array<number>(24).fill(0),
  terminalIds: ['T-1'],
  firstApprovedAt: new Date('2026-01-01T01:00:00Z'),
  lastApprovedAt: new Date('2026-01-01T02:00:00Z'),
});

function setup(claimed: string[]) {
  const order: string[] = [];
  const outbox: unknown[][] = [];
  const repository = {
    claimDirty: async () => {
      order.push('claim');
      return claimed.map((merchantId) => ({ merchantId, localDate: '2026-01-01' }));
    },
    totalsOf: async (_m: unknown, keys: Array<{ merchantId: string }>) => {
      order.push('totals');
      return keys.map((k) => row(k.merchantId));
    },
  } as unknown as DailyActivityRepository;
  const manager = {
    query: async (_sql: string, params: unknown[][]) => void outbox.push(...params[4].map((v) => [v])),
  } as unknown as EntityManager;
  const useCase = new PublishDailyActivitySnapshotsUseCase(repository, new FakeClock('2026-01-01T03:00:00Z'));
  return { useCase, manager, order, outbox };
}

describe(PublishDailyActivitySnapshotsUseCase.name, () => {
  it('should enqueue one valid snapshot of the absolute totals per claimed merchant-day when marks are dirty', async () => {
    const { useCase, manager, order, outbox } = setup(['m-1', 'm-2']);
    expect(await useCase.execute(manager)).toBe(2);
    expect(order).toEqual(['claim', 'totals']);
    const events = outbox.map(([value]) => JSON.parse(value as string) as Record<string, unknown>);
    expect(events.map((e) => e.merchantId)).toEqual(['m-1', 'm-2']);
    for (const event of events) expect(validateEvent(event as never)).toEqual([]);
    expect(events[0].payload).toMatchObject({ approvedCount: 2, feeMinor: 98, netAmountMinor: 30_000 });
  });

  it('should enqueue nothing when no merchant-day is dirty', async () => {
    const { useCase, manager, order, outbox } = setup([]);
    expect(await useCase.execute(manager)).toBe(0);
    expect(order).toEqual(['claim']);
    expect(outbox).toEqual([]);
  });
});
