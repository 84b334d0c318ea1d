import { Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { TransactionRunner } from '@merchant-pulse/database';
import { NotFoundError, RuleViolationError, StateConflictError } from '../../../shared/ticket.errors';
import { supportEvent } from '../../../shared/support-events.outbox';
import { TicketJournal } from '../../../tickets/ticket.journal';
import { TicketMetrics } from '../../../tickets/ticket.metrics';
import { TicketRepository } from '../../../tickets/ticket.repository';
import { SurveyTokenSigner } from '../../survey-token';
import { SurveyRepository } from '../../survey.repository';

/** The merchant's answer, with the link's token. */
export interface AnswerSurveyCommand {
  token: string;
  score: number;
  comment?: string;
}

/**
 * Records a CSAT answer once: a forged or unknown token is 404 (nothing tells a guesser what exists),
 * an expired one 422, a second answer 409. SurveyAnswered goes out with the answer.
 */
@Injectable()
export class AnswerSurveyUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly signer: SurveyTokenSigner,
    private readonly surveys: SurveyRepository,
    private readonly tickets: TicketRepository,
    private readonly journal: TicketJournal,
    private readonly metrics: TicketMetrics,
    private readonly clock: Clock,
  ) {}

  async execute(
    command: AnswerSurveyCommand,
  ): Promise<{ surveyId: string; ticketId: string; answeredAt: Date }> {
    const verified = this.signer.verify(command.token);
    if (!verified) throw new NotFoundError('survey', 'for this link');
    const at = this.clock.now();
    if (verified.expiresAt.getTime() <= at.getTime())
      throw new RuleViolationError(
        'survey_expired',
        `this survey closed at ${verified.expiresAt.toISOString()}`,
      );
    const survey = await this.tx.run(async (manager) => {
      const answered = await this.surveys.answer(manager, verified.surveyId, {
        score: command.score,
        comment: command.comment ?? null,
        at,
      });
      if (!answered) {
        const existing = await this.surveys.findById(manager, verified.surveyId);
        if (!existing) throw new NotFoundError('survey', 'for this link');
        throw new StateConflictError('survey_already_answered', 'this survey has already been answered');
      }
      const ticket = await this.tickets.findById(manager, answered.ticketId);
      await this.journal.record(
        manager,
        [
          {
            ticketId: answered.ticketId,
            at,
            actor: 'merchant',
            action: 'survey_answered',
            newValue: String(command.score),
          },
        ],
        [
          supportEvent(
            'SurveyAnswered',
            ticket!.merchantId,
            {
              ticketId: answered.ticketId,
              surveyId: answered.id,
              score: command.score,
              ...(command.comment ? { comment: command.comment } : {}),
              answeredAt: at.toISOString(),
            },
            at,
          ),
        ],
      );
      return answered;
    });
    this.metrics.csat.observe({ category: survey.category, team: survey.teamId }, command.score);
    return { surveyId: survey.id, ticketId: survey.ticketId, answeredAt: at };
  }
}
