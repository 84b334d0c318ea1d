import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { AfterSalesTicketsConfig } from '../config/after-sales-tickets.config';
import { supportEvent } from '../shared/support-events.outbox';
import type { TicketRecord } from '../tickets/ticket.record';
import { TicketJournal } from '../tickets/ticket.journal';
import { SurveyTokenSigner } from './survey-token';
import { SurveyRepository } from './survey.repository';

/**
 * Opens the CSAT survey of a just-resolved ticket and publishes its single-use link (SurveyRequested),
 * in the resolving transaction. Only the first resolution of a ticket gets a survey.
 */
@Injectable()
export class SurveyIssuer {
  constructor(
    private readonly surveys: SurveyRepository,
    private readonly signer: SurveyTokenSigner,
    private readonly journal: TicketJournal,
    private readonly config: AfterSalesTicketsConfig,
  ) {}

  async issue(manager: EntityManager, ticket: TicketRecord, at: Date): Promise<string | null> {
    const id = uuidv7();
    const expiresAt = new Date(at.getTime() + this.config.SURVEY_TTL_DAYS * 86_400_000);
    const created = await this.surveys.create(manager, {
      id,
      ticketId: ticket.id,
      category: ticket.category,
      teamId: ticket.teamId,
      assigneeId: ticket.assigneeId,
      createdAt: at,
      expiresAt,
      answeredAt: null,
      score: null,
      comment: null,
    });
    if (!created) return null;
    const surveyPath = `/v1/surveys/${this.signer.sign(id, expiresAt)}`;
    await this.journal.record(
      manager,
      [{ ticketId: ticket.id, at, actor: 'system', action: 'survey_sent', newValue: id }],
      [
        supportEvent(
          'SurveyRequested',
          ticket.merchantId,
          { ticketId: ticket.id, surveyId: id, surveyPath, expiresAt: expiresAt.toISOString() },
          at,
        ),
      ],
    );
    return surveyPath;
  }
}
