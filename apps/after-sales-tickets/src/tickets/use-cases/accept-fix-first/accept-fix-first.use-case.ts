import { Injectable } from '@nestjs/common';
import type { TicketCategory } from '@merchant-pulse/contracts';
import { EntityManager } from 'typeorm';
import { v5 as uuidv5 } from 'uuid';
import { SlaTracker } from '../../../sla/sla-tracker';
import { notifySla, SlaSignal, TicketJournal } from '../../ticket.journal';
import { VERIFIED_CATEGORIES } from '../../ticket.record';
import { TicketRepository } from '../../ticket.repository';
import { OpenTicketUseCase } from '../open-ticket/open-ticket.use-case';

/**
 * The fix-first hand-over of reactivation-campaigns (FixFirstRequested on campaign.outreach.v1, on the
 * campaigns-outreach branch): a campaign suppressed a promotion because the merchant's device, network
 * or card reads are failing. The shape mirrors FixFirstRequestedV1 so the consumer maps it 1:1.
 */
export interface FixFirstRequest {
  requestId: string;
  campaignId: string;
  category: TicketCategory;
  openTicketIds: string[];
  degradedTerminalIds: string[];
  summary: string;
  requestedAt: string;
}

/** Namespace of ticket ids derived from (requestId, terminal): a redelivered request opens nothing new. */
const HAND_OVER_NAMESPACE = '2b7f0c55-91d4-4e0b-a8f3-6c1e9d2a7b30';

/**
 * Records the hand-over on the tickets that caused it and opens — unless the terminal already has an
 * active device/card-read/network ticket — a `campaign` ticket per degraded terminal, in the consumer's
 * transaction. A merchant with neither gets one ticket without a terminal.
 */
@Injectable()
export class AcceptFixFirstUseCase {
  constructor(
    private readonly tickets: TicketRepository,
    private readonly journal: TicketJournal,
    private readonly openTicket: OpenTicketUseCase,
    private readonly sla: SlaTracker,
  ) {}

  async execute(manager: EntityManager, merchantId: string, request: FixFirstRequest): Promise<string[]> {
    const at = new Date(request.requestedAt);
    const touched: string[] = [];
    const signals: SlaSignal[] = [];
    for (const id of request.openTicketIds) {
      const ticket = await this.tickets.lockById(manager, id);
      if (!ticket || ticket.merchantId !== merchantId) continue;
      await this.journal.record(manager, [
        {
          ticketId: ticket.id,
          at,
          actor: 'campaign',
          action: 'campaign_hand_over',
          newValue: request.campaignId,
          reason: request.summary,
        },
      ]);
      touched.push(ticket.id);
    }
    const terminals =
      request.degradedTerminalIds.length > 0 || touched.length > 0 ? request.degradedTerminalIds : [null];
    for (const terminalId of terminals) {
      if (terminalId) {
        const active = await this.tickets.lockActiveForTerminal(manager, terminalId);
        if (active.some((t) => VERIFIED_CATEGORIES.includes(t.category))) continue;
      }
      const opened = await this.openTicket.openIn(manager, {
        ticketId: uuidv5(`${request.requestId}:${terminalId ?? '-'}`, HAND_OVER_NAMESPACE),
        merchantId,
        ...(terminalId ? { terminalId } : {}),
        category: request.category,
        channel: 'campaign',
        source: 'campaign',
        priority: 'high',
        subject: `Fix first: ${request.summary}`.slice(0, 200),
        description: `Campaign ${request.campaignId} held its promotion until this is fixed.`,
        nextStep: 'remote_diagnosis',
        actor: 'campaign',
      });
      touched.push(opened.ticket.id);
      signals.push(...opened.signals);
    }
    await notifySla(this.sla, signals);
    return touched;
  }
}
