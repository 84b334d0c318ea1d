import type { ModuleRef } from '@nestjs/core';
import {
  anAgent,
  aTicket,
  fakeTx,
  InMemoryRouting,
  InMemoryTickets,
  noMetrics,
  RecordingSlaTracker,
  testClock,
} from '../../../testing/tickets.fakes';
import { TicketRouter } from '../../ticket.router';
import { EscalateTicketUseCase } from './escalate-ticket.use-case';

describe(EscalateTicketUseCase.name, () => {
  const breach = (level: number) => ({
    ticketId: aTicket().id,
    kind: 'first_response' as const,
    level,
    dueAt: new Date('2026-04-10T01:30:00.000Z'),
    breachedAt: new Date('2026-04-10T01:30:01.000Z'),
  });

  function setup() {
    const store = new InMemoryTickets();
    const routing = new InMemoryRouting(
      [
        { id: 'device-l1', name: 'L1', skills: ['device'], level: 1, escalationTeamId: 'device-l2' },
        { id: 'device-l2', name: 'L2', skills: ['device'], level: 2, escalationTeamId: null },
      ],
      [anAgent('agent-1', 'device-l1'), anAgent('senior-1', 'device-l2')],
    );
    const sla = new RecordingSlaTracker();
    const moduleRef = { get: () => sla } as unknown as ModuleRef;
    const useCase = new EscalateTicketUseCase(
      fakeTx,
      store.repository,
      routing.repository,
      new TicketRouter(routing.repository),
      store.journal,
      moduleRef,
      noMetrics,
      testClock(),
    );
    store.rows.set(aTicket().id, aTicket({ status: 'in_progress' }));
    return { store, sla, useCase };
  }

  it('should move the ticket to the next-level team and agent, raise priority and record why', async () => {
    const { store, sla, useCase } = setup();
    await useCase.escalate(breach(1));
    const t = store.rows.get(aTicket().id)!;
    expect(t).toMatchObject({
      teamId: 'device-l2',
      assigneeId: 'senior-1',
      priority: 'high',
      escalationLevel: 1,
    });
    expect(sla.calls).toEqual([
      ['priorityChanged', t.id, 'high'],
      ['teamChanged', t.id, 'device-l2'],
    ]);
    expect(store.history.find((h) => h.field === 'teamId')?.reason).toMatch(/first_response breached/);
    const assigned = store.events.find((e) => e.type === 'TicketAssigned')!;
    expect(assigned.payload).toMatchObject({
      reason: 'escalation',
      assigneeId: 'senior-1',
      previousAssigneeId: 'agent-1',
    });
  });

  it('should do nothing for a repeated request at the same level', async () => {
    const { store, sla, useCase } = setup();
    await useCase.escalate(breach(1));
    const events = store.events.length;
    await useCase.escalate(breach(1));
    expect(store.events.length).toBe(events);
    expect(sla.calls).toHaveLength(2);
    expect(store.rows.get(aTicket().id)!.priority).toBe('high');
  });

  it('should leave a resolved ticket alone', async () => {
    const { store, sla, useCase } = setup();
    store.rows.set(aTicket().id, aTicket({ status: 'resolved' }));
    await useCase.escalate(breach(1));
    expect(store.rows.get(aTicket().id)!.teamId).toBe('device-l1');
    expect(sla.calls).toEqual([]);
  });
});
