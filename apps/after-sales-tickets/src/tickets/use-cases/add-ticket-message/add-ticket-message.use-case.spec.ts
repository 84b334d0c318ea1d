import type { TicketDetailsRepository } from '../../ticket-details.repository';
import {
  aTicket,
  fakeTx,
  InMemoryTickets,
  RecordingSlaTracker,
  testClock,
} from '../../../testing/tickets.fakes';
import { AddTicketMessageUseCase } from './add-ticket-message.use-case';

describe(AddTicketMessageUseCase.name, () => {
  it('should tell the SLA engine about replies to the merchant but not about internal notes', async () => {
    const store = new InMemoryTickets();
    const sla = new RecordingSlaTracker();
    const messages: unknown[] = [];
    const details = { addMessage: async (_m: unknown, msg: unknown) => void messages.push(msg) };
    const useCase = new AddTicketMessageUseCase(
      fakeTx,
      store.repository,
      details as unknown as TicketDetailsRepository,
      store.journal,
      sla,
      testClock(),
    );
    store.rows.set(aTicket().id, aTicket());
    await useCase.execute({ ticketId: aTicket().id, kind: 'note', author: 'agent-1', body: 'checked logs' });
    expect(sla.calls).toEqual([]);
    await useCase.execute({
      ticketId: aTicket().id,
      kind: 'reply',
      author: 'agent-1',
      body: 'Please restart',
    });
    expect(sla.calls).toEqual([['agentReplied', aTicket().id]]);
    expect(messages).toHaveLength(2);
    expect(store.history.map((h) => h.action)).toEqual(['noted', 'replied']);
  });

  it('should refuse a reply on a closed ticket', async () => {
    const store = new InMemoryTickets();
    const sla = new RecordingSlaTracker();
    const useCase = new AddTicketMessageUseCase(
      fakeTx,
      store.repository,
      { addMessage: async () => undefined } as unknown as TicketDetailsRepository,
      store.journal,
      sla,
      testClock(),
    );
    store.rows.set(aTicket().id, aTicket({ status: 'closed' }));
    await expect(
      useCase.execute({ ticketId: aTicket().id, kind: 'reply', author: 'a', body: 'x' }),
    ).rejects.toMatchObject({
      code: 'ticket_closed',
    });
    expect(sla.calls).toEqual([]);
  });
});
