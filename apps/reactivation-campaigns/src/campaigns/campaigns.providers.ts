import { EnrolmentHooks } from '../enrolment/enrolment.hooks';
import { EnrolmentMetrics } from '../enrolment/enrolment.metrics';
import { EnrolmentRepository } from '../enrolment/enrolment.repository';
import { HandOffEnrolmentsJob } from '../enrolment/jobs/hand-off-enrolments.job';
import { EnrolMerchantsUseCase } from '../enrolment/use-cases/enrol-merchants/enrol-merchants.use-case';
import { EnrolOnFeeChangeUseCase } from '../enrolment/use-cases/enrol-on-fee-change/enrol-on-fee-change.use-case';
import { ExitEnrolmentsUseCase } from '../enrolment/use-cases/exit-enrolments/exit-enrolments.use-case';
import { ResultsRepository } from '../results/results.repository';
import { GetCampaignResultsUseCase } from '../results/use-cases/get-campaign-results/get-campaign-results.use-case';
import { RecordConversionsUseCase } from '../results/use-cases/record-conversions/record-conversions.use-case';
import { CampaignRepository } from './campaign.repository';
import { ChangeCampaignStatusUseCase } from './use-cases/change-campaign-status/change-campaign-status.use-case';
import { CreateCampaignUseCase } from './use-cases/create-campaign/create-campaign.use-case';
import { PreviewAudienceUseCase } from './use-cases/preview-audience/preview-audience.use-case';
import { UpdateCampaignUseCase } from './use-cases/update-campaign/update-campaign.use-case';

export { CampaignsController } from './campaigns.controller';

/**
 * Providers of campaigns/, enrolment/ and results/. They inject `OutreachScheduler` as optional: the
 * outreach module provides it; without it enrolments stay un-handed-off and the funnel reports `wired: false`.
 */
export const CAMPAIGN_PROVIDERS = [
  CampaignRepository,
  CreateCampaignUseCase,
  UpdateCampaignUseCase,
  ChangeCampaignStatusUseCase,
  PreviewAudienceUseCase,
  EnrolmentRepository,
  EnrolmentMetrics,
  EnrolMerchantsUseCase,
  EnrolOnFeeChangeUseCase,
  ExitEnrolmentsUseCase,
  EnrolmentHooks,
  HandOffEnrolmentsJob,
  ResultsRepository,
  RecordConversionsUseCase,
  GetCampaignResultsUseCase,
];
