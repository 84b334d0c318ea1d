import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { localDate } from '../../../loyalty/loyalty.settings';
import { CareOutreach } from '../../care-outreach';
import { CareMetrics } from '../../care.metrics';
import { CARE_SETTINGS, CareSettings } from '../../care.settings';

/** A ticket's CSAT survey as after-sales-tickets announced it (SurveyRequested). */
export interface TicketSurveyRequest {
  merchantId: string;
  ticketId: string;
  surveyId: string;
  surveyPath: string;
  expiresAt: string;
}

/**
 * Delivers a resolved ticket's CSAT link (SurveyRequested on support.tickets.v1) to the merchant as a
 * service message by SMS, email as fallback, through outreach: consent for the service purpose is read
 * from the registry at send time. One send per survey (deterministic send id), however often the event
 * is delivered; an already expired link is not sent.
 */
@Injectable()
export class ForwardTicketSurveyUseCase {
  constructor(
    private readonly outreach: CareOutreach,
    private readonly metrics: CareMetrics,
    private readonly clock: Clock,
    @Inject(CARE_SETTINGS) private readonly settings: CareSettings,
  ) {}

  async execute(request: TicketSurveyRequest): Promise<boolean> {
    const now = this.clock.now();
    const expiresAt = new Date(request.expiresAt);
    if (expiresAt.getTime() <= now.getTime()) return false;
    await this.outreach.handOver({
      campaignId: `ticket-csat:${request.surveyId}`.slice(0, 64),
      merchantId: request.merchantId,
      sourceId: request.ticketId,
      channel: 'sms',
      fallbackChannels: ['email'],
      templateId: 'ticket-csat-survey',
      purpose: 'service',
      variables: {
        surveyUrl: `${this.settings.ticketsPublicUrl}${request.surveyPath}`,
        expiresOn: localDate(expiresAt, this.settings.timezone),
      },
      at: now,
      validUntil: expiresAt,
    });
    this.metrics.ticketSurveys.inc();
    return true;
  }
}
