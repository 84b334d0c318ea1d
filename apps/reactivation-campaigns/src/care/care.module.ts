import { Module } from '@nestjs/common';
import { ReactivationCampaignsConfig } from '../config/reactivation-campaigns.config';
import { OutreachModule } from '../outreach/outreach.module';
import { CareOutreach } from './care-outreach';
import { CareSurveyTokenSigner } from './care-survey-token';
import { CareController } from './care.controller';
import { CareJobs } from './care.jobs';
import { CareMetrics } from './care.metrics';
import { CareRepository } from './care.repository';
import { CARE_SETTINGS, careSettingsOf, DEVELOPMENT_SURVEY_SECRET } from './care.settings';
import { SendSurveyLinkWhenSurveyRequestedConsumer } from './consumers/send-survey-link-when-survey-requested.consumer';
import { AnswerCareSurveyUseCase } from './use-cases/answer-care-survey/answer-care-survey.use-case';
import { ForwardTicketSurveyUseCase } from './use-cases/forward-ticket-survey/forward-ticket-survey.use-case';
import { OfferTrainingUseCase } from './use-cases/offer-training/offer-training.use-case';
import { OpenCareVisitUseCase } from './use-cases/open-care-visit/open-care-visit.use-case';
import { RecordVisitOutcomeUseCase } from './use-cases/record-visit-outcome/record-visit-outcome.use-case';
import { ScheduleReturnVisitsUseCase } from './use-cases/schedule-return-visits/schedule-return-visits.use-case';
import { SendQuarterlySurveysUseCase } from './use-cases/send-quarterly-surveys/send-quarterly-surveys.use-case';

/**
 * The care programme (回访 and surveys) on the outreach machinery: scheduled return visits, quarterly
 * satisfaction surveys with single-use links, training offers for low feature use, and the tickets' CSAT
 * links delivered through outreach. Needs a MerchantContextReader from merchants/ (global).
 */
@Module({
  imports: [OutreachModule],
  controllers: [CareController],
  providers: [
    { provide: CARE_SETTINGS, inject: [ReactivationCampaignsConfig], useFactory: careSettingsOf },
    {
      provide: CareSurveyTokenSigner,
      inject: [ReactivationCampaignsConfig],
      useFactory: (config: ReactivationCampaignsConfig) =>
        new CareSurveyTokenSigner(config.SURVEY_TOKEN_SECRET ?? DEVELOPMENT_SURVEY_SECRET),
    },
    CareRepository,
    CareMetrics,
    CareOutreach,
    ScheduleReturnVisitsUseCase,
    SendQuarterlySurveysUseCase,
    OfferTrainingUseCase,
    RecordVisitOutcomeUseCase,
    OpenCareVisitUseCase,
    AnswerCareSurveyUseCase,
    ForwardTicketSurveyUseCase,
    SendSurveyLinkWhenSurveyRequestedConsumer,
    CareJobs,
  ],
})
export class CareModule {}
