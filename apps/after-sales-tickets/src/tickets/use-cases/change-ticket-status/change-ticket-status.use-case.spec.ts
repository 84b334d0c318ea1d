import { RuleViolationError } from '../../../shared/ticket.errors';
import type { SurveyIssuer } from '../../../surveys/survey.issuer';
import {
  aTicket,
  fakeTx,
  InMemoryTickets,
  noMetrics,
  RecordingSlaTracker,
  testClock,
  testConfig,
} from '../../../testing/tickets.fakes';
import { TicketResolver } from '../../ticket.resolver';
import { ChangeTicketStatusUseCase } from './change-ticket-status.use-case';

describe(ChangeTicketStatusUseCase.name, () => {
  let store: InMemoryTickets;
  let sla: RecordingSlaTracker;
  let surveys: string[];
  let clock: ReturnType<typeof testClock>;
  let useCase: ChangeTicketStatusUseCase;

  beforeEach(() => {
    store = new InMemoryTickets();
    sla = new RecordingSlaTracker();
    surveys = [];
    clock = testClock();
    const issuer = { issue: async (_m: unknown, t: { id: string }) => (surveys.push(t.id), '/v1/surveys/x') };
    const resolver = new TicketResolver(store.journal, issuer as unknown as SurveyIssuer, noMetrics);
    useCase = new ChangeTicketStatusUseCase(
      fakeTx,
      store.repository,
      store.journal,
      resolver,
      sla,
      noMetrics,
      testConfig,
      clock,
    );
  });

  it('should refuse to resolve a card-read ticket without an override reason and tell the SLA nothing', async () => {
    store.rows.set(aTicket().id, aTicket({ status: 'in_progress' }));
    await expect(
      useCase.execute({ ticketId: aTicket().id, to: 'resolved', actor: 'agent-1' }),
    ).rejects.toThrow(RuleViolationError);
    expect(sla.calls).toEqual([]);
    expect(store.rows.get(aTicket().id)!.status).toBe('in_progress');
  });

  it('should resolve with an override reason, record it, open a survey and tell the SLA after the change', async () => {
    store.rows.set(aTicket().id, aTicket({ status: 'in_progress' }));
    const t = await useCase.execute({
      ticketId: aTicket().id,
      to: 'resolved',
      actor: 'agent-1',
      overrideReason: 'Merchant confirmed by phone, no sales today',
    });
    expect(t).toMatchObject({ status: 'resolved', verifiedBy: 'override' });
    expect(sla.calls).toEqual([['statusChanged', t.id, 'in_progress', 'resolved']]);
    expect(surveys).toEqual([t.id]);
    const status = store.events.find((e) => e.type === 'TicketStatusChanged')!;
    expect(status.payload).toMatchObject({ from: 'in_progress', to: 'resolved', verifiedBy: 'override' });
    expect(store.history.find((h) => h.field === 'status')).toMatchObject({
      actor: 'agent-1',
      oldValue: 'in_progress',
      newValue: 'resolved',
      reason: 'Merchant confirmed by phone, no sales today',
    });
  });

  it('should resolve a ticket without a terminal directly', async () => {
    store.rows.set(
      aTicket().id,
      aTicket({ status: 'in_progress', category: 'fee_question', terminalId: null }),
    );
    const t = await useCase.execute({
      ticketId: aTicket().id,
      to: 'resolved',
      actor: 'a',
      resolution: 'Explained',
    });
    expect(t.verifiedBy).toBeNull();
    expect(t.resolution).toBe('Explained');
  });

  it('should reopen within the window, count it, and refuse after the window', async () => {
    const resolvedAt = new Date('2026-04-09T02:00:00.000Z');
    store.rows.set(aTicket().id, aTicket({ status: 'resolved', resolvedAt, verifiedBy: 'transaction' }));
    const t = await useCase.execute({ ticketId: aTicket().id, to: 'in_progress', actor: 'a' });
    expect(t).toMatchObject({ status: 'in_progress', reopenCount: 1, resolvedAt: null, verifiedBy: null });
    expect(sla.calls).toEqual([['statusChanged', t.id, 'resolved', 'in_progress']]);

    store.rows.set(aTicket().id, aTicket({ status: 'resolved', resolvedAt }));
    clock.set('2026-04-16T02:00:01.000Z');
    await expect(
      useCase.execute({ ticketId: aTicket().id, to: 'in_progress', actor: 'a' }),
    ).rejects.toMatchObject({
      code: 'reopen_window_passed',
    });
  });

  it('should pause the SLA by moving to waiting_on_merchant and resume on in_progress', async () => {
    store.rows.set(aTicket().id, aTicket({ status: 'in_progress' }));
    await useCase.execute({ ticketId: aTicket().id, to: 'waiting_on_merchant', actor: 'a' });
    await useCase.execute({ ticketId: aTicket().id, to: 'in_progress', actor: 'a' });
    expect(sla.calls.map((c) => c.slice(2))).toEqual([
      ['in_progress', 'waiting_on_merchant'],
      ['waiting_on_merchant', 'in_progress'],
    ]);
  });
});
