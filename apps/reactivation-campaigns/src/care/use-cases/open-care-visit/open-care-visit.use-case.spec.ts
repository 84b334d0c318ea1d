import { ConflictException, NotFoundException } from '@nestjs/common';
import { FakeClock } from '@merchant-pulse/clock';
import type { CareRepository, CareVisit } from '../../care.repository';
import type { ScheduleReturnVisitsUseCase } from '../schedule-return-visits/schedule-return-visits.use-case';
import { OpenCareVisitUseCase } from './open-care-visit.use-case';

/** Visits of known merchants in memory; a visit stays open until `close`d. */
function setup(known: string[] = ['M-1']) {
  const visits: Array<CareVisit & { variables: object }> = [];
  const locks: string[] = [];
  const care = {
    merchantKnown: async (id: string) => known.includes(id),
    transaction: <T>(work: (m: unknown) => Promise<T>) => work({}),
    lockMerchantVisits: async (_m: unknown, id: string) => void locks.push(id),
    openVisitOf: async (id: string) => visits.find((v) => v.merchantId === id && v.state !== 'done') ?? null,
  };
  const scheduler = {
    create: async (
      merchantId: string,
      plan: { kind: string; cycleKey: string; channel: string },
      now: Date,
      variables: object,
    ) => {
      const visit = {
        id: `visit-${visits.length + 1}`,
        merchantId,
        kind: plan.kind,
        cycleKey: plan.cycleKey,
        channel: plan.channel,
        createdAt: now,
        state: 'planned',
        variables,
      } as unknown as CareVisit & { variables: object };
      visits.push(visit);
      return visit;
    },
  };
  const useCase = new OpenCareVisitUseCase(
    care as unknown as CareRepository,
    scheduler as unknown as ScheduleReturnVisitsUseCase,
    new FakeClock('2026-04-02T02:00:00.000Z'),
  );
  return { useCase, visits, locks };
}

describe(OpenCareVisitUseCase.name, () => {
  const command = { merchantId: 'M-1', reason: '交易量下降', requestedBy: 'console:manager via key' };

  it('should open an on-demand phone visit with the reason and note in the script', async () => {
    const { useCase, visits, locks } = setup();
    const visit = await useCase.execute({ ...command, note: '老板投诉到账慢' });
    expect(visit).toMatchObject({ kind: 'on_demand', channel: 'phone_task', merchantId: 'M-1' });
    expect(visit.cycleKey).toMatch(/^on-demand:[0-9a-f-]{36}$/);
    expect(visits[0].variables).toEqual({
      visitReason: '交易量下降；老板投诉到账慢',
      requestedBy: 'console:manager via key',
    });
    expect(locks).toEqual(['M-1']);
  });

  it('should refuse with 409 naming the open visit when the merchant already has one', async () => {
    const { useCase, visits } = setup();
    const first = await useCase.execute(command);
    const refusal = await useCase.execute(command).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(ConflictException);
    expect((refusal as ConflictException).getResponse()).toMatchObject({
      statusCode: 409,
      visitId: first.id,
    });
    expect(visits).toHaveLength(1);
  });

  it('should open a new visit when the previous one is done', async () => {
    const { useCase, visits } = setup();
    await useCase.execute(command);
    visits[0].state = 'done';
    const second = await useCase.execute(command);
    expect(second.id).toBe('visit-2');
    expect(second.cycleKey).not.toBe(visits[0].cycleKey);
  });

  it('should answer 404 when campaigns does not know the merchant', async () => {
    const { useCase, visits } = setup([]);
    await expect(useCase.execute(command)).rejects.toBeInstanceOf(NotFoundException);
    expect(visits).toHaveLength(0);
  });
});
