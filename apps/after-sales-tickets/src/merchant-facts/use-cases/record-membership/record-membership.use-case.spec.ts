import { createEvent, EVENT_EXAMPLES, EventOf } from '@merchant-pulse/contracts';
import type { MembershipTier, SlaTier } from '@merchant-pulse/contracts';
import type { EntityManager } from 'typeorm';
import type { SlaAssignment, SlaMerchantFacts } from '../../../sla/sla-tracker';
import { aTicket, InMemoryTickets, RecordingSlaTracker, testClock } from '../../../testing/tickets.fakes';
import type { MerchantFactsRepository } from '../../merchant-facts.repository';
import { RecordMembershipUseCase } from './record-membership.use-case';

const m = {} as EntityManager;

function changed(to: MembershipTier, slaTier: SlaTier, changedAt: string): EventOf<'MembershipChanged'> {
  return createEvent('MembershipChanged', {
    merchantId: 'M-1',
    producer: 'reactivation-campaigns',
    occurredAt: changedAt,
    payload: {
      ...EVENT_EXAMPLES.MembershipChanged,
      to,
      privileges: { ...EVENT_EXAMPLES.MembershipChanged.privileges, slaTier },
      changedAt,
    },
  });
}

describe(RecordMembershipUseCase.name, () => {
  function setup() {
    const stored = new Map<string, { slaTier: string; changedAt: Date }>();
    const facts = {
      upsertMembership: async (
        _m: EntityManager,
        r: { merchantId: string; slaTier: string; changedAt: Date },
      ) => {
        const before = stored.get(r.merchantId);
        if (before && before.changedAt > r.changedAt) return undefined;
        stored.set(r.merchantId, r);
        return { previousSlaTier: before?.slaTier ?? null };
      },
      factsOf: async (_m: EntityManager, id: string): Promise<SlaMerchantFacts> => ({
        valueTier: null,
        behaviourTier: null,
        riskBand: null,
        slaTier: stored.get(id)?.slaTier ?? null,
      }),
    } as unknown as MerchantFactsRepository;
    const store = new InMemoryTickets();
    const ticket = aTicket({ merchantId: 'M-1', slaPolicyId: 'standard' });
    store.rows.set(ticket.id, ticket);
    const sla = new (class extends RecordingSlaTracker {
      override async merchantFactsChanged(merchantId: string, f: SlaMerchantFacts) {
        await super.merchantFactsChanged(merchantId, f);
        const moved: SlaAssignment & { ticketId: string } = {
          ticketId: ticket.id,
          policyId: 'vip',
          priority: 'normal',
          rule: 'vip-member: VIP → vip/normal',
          firstResponseDueAt: new Date('2026-04-10T02:20:00.000Z'),
          resolutionDueAt: new Date('2026-04-10T08:00:00.000Z'),
        };
        return [moved];
      }
    })();
    const useCase = new RecordMembershipUseCase(facts, sla, store.repository, store.journal, testClock());
    return { store, sla, useCase, ticketId: ticket.id };
  }

  it('should move open tickets and record it in their history when the merchant is upgraded', async () => {
    const { store, sla, useCase, ticketId } = setup();
    await useCase.execute(m, [changed('vip', 'vip', '2026-04-01T00:00:00.000Z')]);
    expect(sla.calls).toEqual([['merchantFactsChanged', 'M-1', expect.objectContaining({ slaTier: 'vip' })]]);
    expect(store.rows.get(ticketId)?.slaPolicyId).toBe('vip');
    expect(store.history).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actor: 'loyalty', field: 'slaPolicyId', newValue: 'vip' }),
      ]),
    );
  });

  it('should leave open tickets alone on a downgrade and ignore a change older than the stored one', async () => {
    const { sla, useCase } = setup();
    await useCase.execute(m, [changed('vip', 'vip', '2026-04-01T00:00:00.000Z')]);
    sla.calls.length = 0;
    await useCase.execute(m, [
      changed('standard', 'standard', '2026-04-05T00:00:00.000Z'),
      changed('gold', 'priority', '2026-04-03T00:00:00.000Z'),
    ]);
    expect(sla.calls).toEqual([]);
  });
});
