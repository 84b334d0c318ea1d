import { Injectable } from '@nestjs/common';
import type { AnyEvent, EventOf, TicketCategory, TicketPriority } from '@merchant-pulse/contracts';
import { claimUnprocessed } from '@merchant-pulse/kafka';
import { EntityManager } from 'typeorm';
import { v5 as uuidv5 } from 'uuid';
import { SlaTracker } from '../../../sla/sla-tracker';
import { TerminalHealthRepository } from '../../../terminal-health/terminal-health.repository';
import { supportEvent } from '../../../shared/support-events.outbox';
import { TicketDetailsRepository } from '../../ticket-details.repository';
import { notifySla, SlaSignal, TicketJournal } from '../../ticket.journal';
import { TicketRecord, VERIFIED_CATEGORIES } from '../../ticket.record';
import { TicketRepository } from '../../ticket.repository';
import { TicketResolver } from '../../ticket.resolver';
import { OpenTicketUseCase } from '../open-ticket/open-ticket.use-case';

/** Inbox name of the terminal.health.v1 consumer. */
export const TERMINAL_HEALTH_INBOX = 'after-sales-tickets.terminal-health';
/** Namespace of the ticket ids derived from TerminalHealthDegraded event ids (a retry opens the same ticket). */
const PROACTIVE_NAMESPACE = '6f1c2b1e-3a57-4d0c-9d8e-5b0e2f7a9c41';

const PROACTIVE: Record<string, { category: TicketCategory; priority: TicketPriority; what: string }> = {
  card_read_failures: { category: 'card_read_failure', priority: 'high', what: 'Card-read failures' },
  declines: { category: 'network', priority: 'normal', what: 'Declines' },
  silent: { category: 'device_fault', priority: 'normal', what: 'No transactions' },
};

/**
 * terminal.health.v1, in the consumer's transaction. Degraded: project it, then update the terminal's
 * active device/card-read/network ticket with the new evidence — or open a proactive one (channel
 * proactive, first step remote diagnosis) before the merchant calls; never a duplicate. Recovered: the
 * terminal transacts normally again, which verifies and resolves its active tickets of those kinds.
 */
@Injectable()
export class HandleTerminalHealthUseCase {
  constructor(
    private readonly health: TerminalHealthRepository,
    private readonly tickets: TicketRepository,
    private readonly details: TicketDetailsRepository,
    private readonly journal: TicketJournal,
    private readonly openTicket: OpenTicketUseCase,
    private readonly resolver: TicketResolver,
    private readonly sla: SlaTracker,
  ) {}

  async execute(manager: EntityManager, events: readonly AnyEvent[]): Promise<void> {
    const fresh = await claimUnprocessed(
      manager,
      TERMINAL_HEALTH_INBOX,
      events.map((e) => e.id),
    );
    const signals: SlaSignal[] = [];
    for (const event of events) {
      if (!fresh.has(event.id)) continue;
      if (event.type === 'TerminalHealthDegraded') signals.push(...(await this.degraded(manager, event)));
      else if (event.type === 'TerminalHealthRecovered')
        signals.push(...(await this.recovered(manager, event)));
    }
    await notifySla(this.sla, signals);
  }

  private async degraded(manager: EntityManager, e: EventOf<'TerminalHealthDegraded'>): Promise<SlaSignal[]> {
    const p = e.payload;
    const at = new Date(e.occurredAt);
    await this.health.record(manager, { ...this.entry(e), since: new Date(p.since), at });
    const existing = (await this.tickets.lockActiveForTerminal(manager, p.terminalId)).find((t) =>
      VERIFIED_CATEGORIES.includes(t.category),
    );
    const rule = PROACTIVE[p.kind];
    let ticket: TicketRecord;
    let signals: SlaSignal[] = [];
    if (existing) ticket = existing;
    else {
      const percent = Math.round(p.rate * 100);
      ({ ticket, signals } = await this.openTicket.openIn(manager, {
        ticketId: uuidv5(e.id, PROACTIVE_NAMESPACE),
        merchantId: e.merchantId,
        terminalId: p.terminalId,
        category: rule.category,
        channel: 'proactive',
        source: 'terminal_health',
        priority: rule.priority,
        subject:
          p.kind === 'silent'
            ? `${rule.what} from terminal ${p.terminalId} for ${p.windowMinutes} min (proactive)`
            : `${rule.what} at ${percent}% on terminal ${p.terminalId} (proactive)`,
        description:
          'Opened by terminal health monitoring before the merchant called. First step: remote diagnosis.',
        nextStep: 'remote_diagnosis',
        actor: 'terminal_health',
      }));
    }
    await this.attachEvidence(manager, ticket, e, at, existing !== undefined);
    return signals;
  }

  private async attachEvidence(
    manager: EntityManager,
    ticket: TicketRecord,
    e: EventOf<'TerminalHealthDegraded'>,
    at: Date,
    update: boolean,
  ): Promise<void> {
    const p = e.payload;
    const added = await this.details.addEvidence(manager, {
      ticketId: ticket.id,
      sourceEventId: e.id,
      kind: `terminal_health.${p.kind}`,
      payload: { ...p },
      recordedAt: at,
    });
    if (!added) return;
    const summary = `${p.kind}: rate ${p.rate} over ${p.sampleSize} transactions in ${p.windowMinutes} min since ${p.since}`;
    await this.journal.record(
      manager,
      [{ ticketId: ticket.id, at, actor: 'terminal_health', action: 'evidence_added', newValue: summary }],
      update
        ? [
            supportEvent(
              'TicketUpdated',
              ticket.merchantId,
              {
                ticketId: ticket.id,
                field: 'evidence',
                to: summary,
                actor: 'terminal_health',
                changedAt: at.toISOString(),
              },
              at,
            ),
          ]
        : [],
    );
  }

  private async recovered(
    manager: EntityManager,
    e: EventOf<'TerminalHealthRecovered'>,
  ): Promise<SlaSignal[]> {
    const p = e.payload;
    const at = new Date(p.recoveredAt);
    await this.health.record(manager, { ...this.entry(e), since: new Date(p.since), at });
    const signals: SlaSignal[] = [];
    for (const ticket of await this.tickets.lockActiveForTerminal(manager, p.terminalId)) {
      if (!VERIFIED_CATEGORIES.includes(ticket.category)) continue;
      const done = await this.resolver.resolve(manager, ticket, {
        actor: 'terminal_health',
        at,
        resolution: `Terminal ${p.terminalId} transacting normally again (${p.kind} recovered)`,
        verifiedBy: 'terminal_recovered',
        verifiedAt: at,
      });
      signals.push(...done.signals);
    }
    return signals;
  }

  private entry(e: EventOf<'TerminalHealthDegraded'> | EventOf<'TerminalHealthRecovered'>) {
    return {
      eventId: e.id,
      terminalId: e.payload.terminalId,
      merchantId: e.merchantId,
      type: e.type,
      kind: e.payload.kind,
      rate: e.payload.rate,
      sampleSize: e.payload.sampleSize,
    };
  }
}
