import { Injectable } from '@nestjs/common';
import type { ResolutionVerification } from '@merchant-pulse/contracts';
import { EntityManager } from 'typeorm';
import { SurveyIssuer } from '../surveys/survey.issuer';
import { SlaSignal, TicketJournal } from './ticket.journal';
import { TicketMetrics } from './ticket.metrics';
import { TicketRecord } from './ticket.record';

/** How a resolution came about. */
export interface Resolution {
  actor: string;
  at: Date;
  resolution: string;
  verifiedBy: ResolutionVerification | null;
  verifiedAt: Date | null;
  overrideReason?: string;
}

/** Moves a ticket to resolved (with how it was verified) and opens its CSAT survey, in one transaction. */
@Injectable()
export class TicketResolver {
  constructor(
    private readonly journal: TicketJournal,
    private readonly surveys: SurveyIssuer,
    private readonly metrics: TicketMetrics,
  ) {}

  async resolve(
    manager: EntityManager,
    ticket: TicketRecord,
    r: Resolution,
  ): Promise<{ ticket: TicketRecord; signals: SlaSignal[]; surveyPath: string | null }> {
    const { ticket: resolved, signals } = await this.journal.change(
      manager,
      ticket,
      {
        status: 'resolved',
        resolvedAt: r.at,
        resolution: r.resolution,
        verifiedBy: r.verifiedBy,
        verifiedAt: r.verifiedAt,
        overrideReason: r.overrideReason ?? null,
        nextStep: null,
      },
      { actor: r.actor, at: r.at, reason: r.overrideReason ?? r.resolution },
    );
    const surveyPath = await this.surveys.issue(manager, resolved, r.at);
    this.metrics.resolved.inc({ category: resolved.category, verified_by: r.verifiedBy ?? 'none' });
    return { ticket: resolved, signals, surveyPath };
  }
}
