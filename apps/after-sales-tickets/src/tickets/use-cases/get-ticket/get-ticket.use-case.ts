import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@merchant-pulse/database';
import { FieldVisitRecord, FieldVisitRepository } from '../../../field-visits/field-visit.repository';
import { ActivityDay, MerchantFactsRepository } from '../../../merchant-facts/merchant-facts.repository';
import { NotFoundError } from '../../../shared/ticket.errors';
import { SurveyRepository } from '../../../surveys/survey.repository';
import {
  TerminalHealthEntry,
  TerminalHealthRepository,
} from '../../../terminal-health/terminal-health.repository';
import {
  AttachmentRecord,
  EvidenceRecord,
  TicketDetailsRepository,
  TicketLink,
  TicketMessage,
} from '../../ticket-details.repository';
import { resolutionNote, TicketRecord, VERIFIED_CATEGORIES } from '../../ticket.record';
import { TicketRepository } from '../../ticket.repository';

/** A ticket with everything an agent needs on one screen. */
export interface TicketDetails {
  ticket: TicketRecord;
  /** e.g. "resolved, verified by transaction at 2026-04-11T01:30:00.000Z". */
  resolutionNote: string | null;
  messages: TicketMessage[];
  links: TicketLink[];
  attachments: Array<Omit<AttachmentRecord, 'storageKey' | 'keyId'>>;
  evidence: EvidenceRecord[];
  fieldVisits: FieldVisitRecord[];
  survey: { id: string; answeredAt: Date | null; score: number | null } | null;
  /** Device tickets: the terminal's recent health (this service's terminal.health.v1 projection). */
  terminalHealth: TerminalHealthEntry[] | null;
  /** Device tickets: the merchant's recent daily transactions (merchant.activity.v1 projection). */
  recentActivity: ActivityDay[] | null;
}

/** Reads one ticket with its details; device tickets add the terminal's health and recent transactions. */
@Injectable()
export class GetTicketUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly tickets: TicketRepository,
    private readonly details: TicketDetailsRepository,
    private readonly visits: FieldVisitRepository,
    private readonly surveys: SurveyRepository,
    private readonly health: TerminalHealthRepository,
    private readonly facts: MerchantFactsRepository,
  ) {}

  async execute(ticketId: string): Promise<TicketDetails> {
    const m = this.tx.manager;
    const ticket = await this.tickets.findById(m, ticketId);
    if (!ticket) throw new NotFoundError('ticket', ticketId);
    const device = ticket.terminalId !== null && VERIFIED_CATEGORIES.includes(ticket.category);
    const survey = await this.surveys.findByTicket(m, ticket.id);
    return {
      ticket,
      resolutionNote: resolutionNote(ticket),
      messages: await this.details.messagesOf(m, ticket.id),
      links: await this.details.linksOf(m, ticket.id),
      attachments: (await this.details.attachmentsOf(m, ticket.id)).map(
        ({ storageKey: _s, keyId: _k, ...rest }) => rest,
      ),
      evidence: await this.details.evidenceOf(m, ticket.id),
      fieldVisits: await this.visits.listOf(m, ticket.id),
      survey: survey && { id: survey.id, answeredAt: survey.answeredAt, score: survey.score },
      terminalHealth: device ? await this.health.recentOf(m, ticket.terminalId!, 20) : null,
      recentActivity: device ? await this.facts.recentActivity(m, ticket.merchantId, 14) : null,
    };
  }
}
