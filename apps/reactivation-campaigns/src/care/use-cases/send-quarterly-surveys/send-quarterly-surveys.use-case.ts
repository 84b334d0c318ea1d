import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { v5 as uuidv5 } from 'uuid';
import { localDate } from '../../../loyalty/loyalty.settings';
import { CareOutreach } from '../../care-outreach';
import { quarterOf } from '../../care-schedule.policy';
import { CareSurveyTokenSigner } from '../../care-survey-token';
import { CareMetrics } from '../../care.metrics';
import { CareRepository, CareSurvey } from '../../care.repository';
import { CARE_SETTINGS, CareSettings } from '../../care.settings';
import { CARE_PAGE, merchantPages } from '../../keyset-pages';

/** Namespace of survey ids: uuid v5 of (merchant, quarter). */
const SURVEY_NAMESPACE = '4a7e2c10-6b3d-4e8f-a1c5-9d2b7f0e3c64';

/**
 * The quarterly satisfaction survey (每季度进行一次客户满意度调查): once per quarter, every active merchant
 * that has traded gets one survey with a single-use signed link, sent as a *service* message by SMS
 * (email fallback) — so consent for the service purpose is checked in the registry at send time and
 * marketing opt-outs do not silence it. Tier, region and category are recorded for the report.
 */
@Injectable()
export class SendQuarterlySurveysUseCase {
  constructor(
    private readonly care: CareRepository,
    private readonly outreach: CareOutreach,
    private readonly signer: CareSurveyTokenSigner,
    private readonly metrics: CareMetrics,
    private readonly clock: Clock,
    @Inject(CARE_SETTINGS) private readonly settings: CareSettings,
  ) {}

  async execute(): Promise<{ sent: number; quarter: string }> {
    const now = this.clock.now();
    const quarter = quarterOf(localDate(now, this.settings.timezone));
    const expiresAt = new Date(now.getTime() + this.settings.surveyTtlDays * 86_400_000);
    let sent = 0;
    for await (const page of merchantPages((after, limit) =>
      this.care.surveyCandidates(quarter, after, limit),
    )) {
      for (const m of page) {
        const id = uuidv5(JSON.stringify([m.merchantId, quarter]), SURVEY_NAMESPACE);
        const sendId = CareOutreach.sendIdOf(`care-survey:${id}`, m.merchantId);
        const survey = {
          id,
          merchantId: m.merchantId,
          quarter,
          sendId,
          membershipTier: m.membershipTier ?? 'standard',
          region: m.region,
          category: m.category,
          expiresAt,
        };
        if (!(await this.care.insertSurvey(survey, now))) continue;
        await this.handOver(survey, now);
        this.metrics.surveys.inc({ event: 'sent' });
        sent += 1;
      }
    }
    for (const survey of await this.care.unscheduledSurveys(CARE_PAGE)) await this.handOver(survey, now);
    return { sent, quarter };
  }

  /** The merchant's link: this service's public answer endpoint with the signed token. */
  linkOf(survey: Pick<CareSurvey, 'id' | 'expiresAt'>): string {
    return `${this.settings.surveyPublicUrl}/v1/care/surveys/${this.signer.sign(survey.id, survey.expiresAt)}`;
  }

  private async handOver(
    survey: Pick<CareSurvey, 'id' | 'merchantId' | 'quarter' | 'expiresAt'>,
    now: Date,
  ): Promise<void> {
    await this.outreach.handOver({
      campaignId: `care-survey:${survey.id}`,
      merchantId: survey.merchantId,
      sourceId: survey.id,
      channel: 'sms',
      fallbackChannels: ['email'],
      templateId: 'care-satisfaction-survey',
      purpose: 'service',
      variables: {
        surveyUrl: this.linkOf(survey),
        quarter: survey.quarter.replace(/^(\d{4})-Q(\d)$/, '$1年第$2季度'),
        expiresOn: localDate(survey.expiresAt, this.settings.timezone),
      },
      at: now,
      validUntil: survey.expiresAt,
    });
  }
}
