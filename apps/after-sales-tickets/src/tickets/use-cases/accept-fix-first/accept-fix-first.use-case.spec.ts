import type { MerchantFactsRepository } from '../../../merchant-facts/merchant-facts.repository';
import type { TicketRepository } from '../../ticket.repository';
import { TicketRouter } from '../../../routing/ticket.router';
import {
  anAgent,
  aTicket,
  InMemoryRouting,
  InMemoryTickets,
  noMetrics,
  RecordingSlaTracker,
  testClock,
  fakeTx,
} from '../../../testing/tickets.fakes';
import { OpenTicketUseCase } from '../open-ticket/open-ticket.use-case';
import { AcceptFixFirstUseCase, FixFirstRequest } from './accept-fix-first.use-case';
import type { EntityManager } from 'typeorm';

describe(AcceptFixFirstUseCase.name, () => {
  const request = (overrides: Partial<FixFirstRequest> = {}): FixFirstRequest => ({
    requestId: 'send-1',
    campaignId: 'camp-9',
    category: 'card_read_failure',
    openTicketIds: [],
    degradedTerminalIds: ['T-9'],
    summary: 'Card reads failing on T-9',
    requestedAt: '2026-04-10T02:00:00.000Z',
    ...overrides,
  });

  function setup() {
    const store = new InMemoryTickets();
    const routing = new InMemoryRouting(
      [{ id: 'device-l1', name: 'L1', skills: ['device'], level: 1, escalationTeamId: null }],
      [anAgent('agent-1', 'device-l1')],
    );
    const sla = new RecordingSlaTracker();
    const tickets = {
      ...store.repository,
      lockActiveForTerminal: async (_m: EntityManager, terminalId: string) =>
        [...store.rows.values()].filter((t) => t.terminalId === terminalId && t.status !== 'resolved'),
    } as unknown as TicketRepository;
    const facts = {
      factsOf: async () => ({ valueTier: 'high', behaviourTier: 'at_risk', riskBand: 'high' }),
    } as unknown as MerchantFactsRepository;
    const open = new OpenTicketUseCase(
      fakeTx,
      tickets,
      facts,
      new TicketRouter(routing.repository),
      store.journal,
      sla,
      noMetrics,
      testClock(),
    );
    return { store, sla, useCase: new AcceptFixFirstUseCase(tickets, store.journal, open, sla) };
  }

  it('should open one campaign ticket per degraded terminal with the SLA facts of the merchant, once per request', async () => {
    const { store, sla, useCase } = setup();
    const [id] = await useCase.execute({} as EntityManager, 'M-9', request());
    const ticket = store.rows.get(id)!;
    expect(ticket).toMatchObject({
      channel: 'campaign',
      source: 'campaign',
      terminalId: 'T-9',
      priority: 'urgent',
      status: 'assigned',
      nextStep: 'remote_diagnosis',
    });
    expect(sla.calls[0]).toEqual([
      'opened',
      id,
      { valueTier: 'high', behaviourTier: 'at_risk', riskBand: 'high' },
    ]);
    expect(store.events.map((e) => e.type)).toEqual([
      'TicketOpened',
      'TicketAssigned',
      'TicketStatusChanged',
    ]);
    const events = store.events.length;
    await useCase.execute({} as EntityManager, 'M-9', request());
    expect(store.rows.size).toBe(1);
    expect(store.events.length).toBe(events);
  });

  it('should note the hand-over on the open tickets that caused it and open nothing for a terminal already in hand', async () => {
    const { store, useCase } = setup();
    store.rows.set(aTicket().id, aTicket({ merchantId: 'M-9', terminalId: 'T-9' }));
    const touched = await useCase.execute(
      {} as EntityManager,
      'M-9',
      request({ openTicketIds: [aTicket().id] }),
    );
    expect(touched).toEqual([aTicket().id]);
    expect(store.rows.size).toBe(1);
    expect(store.history).toContainEqual(
      expect.objectContaining({
        action: 'campaign_hand_over',
        newValue: 'camp-9',
        reason: 'Card reads failing on T-9',
      }),
    );
  });
});
