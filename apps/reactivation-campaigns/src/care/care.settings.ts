import { ReactivationCampaignsConfig } from '../config/reactivation-campaigns.config';
import type { CareCadence } from './care-schedule.policy';

/** The care part of the configuration, as the use cases need it (fakeable in unit tests). */
export interface CareSettings extends CareCadence {
  trainingLookbackDays: number;
  surveyTtlDays: number;
  surveyPublicUrl: string;
  ticketsPublicUrl: string;
  jobsEveryMs: number;
  /** Calendar (quarters, cycles) of the programme when a merchant has no timezone of its own. */
  timezone: string;
}

export const CARE_SETTINGS = Symbol('CARE_SETTINGS');

/** Development default of the survey link secret; production refuses to start without SURVEY_TOKEN_SECRET. */
export const DEVELOPMENT_SURVEY_SECRET = 'development-only-care-survey-secret';

export function careSettingsOf(config: ReactivationCampaignsConfig): CareSettings {
  return {
    newMerchantVisitDays: config.CARE_NEW_MERCHANT_VISIT_DAYS,
    vipVisitMonths: config.CARE_VIP_VISIT_MONTHS,
    activeVisitMonths: config.CARE_ACTIVE_VISIT_MONTHS,
    trainingLookbackDays: config.CARE_TRAINING_LOOKBACK_DAYS,
    surveyTtlDays: config.CARE_SURVEY_TTL_DAYS,
    surveyPublicUrl: config.CARE_SURVEY_PUBLIC_URL.replace(/\/+$/, ''),
    ticketsPublicUrl: config.TICKETS_PUBLIC_URL.replace(/\/+$/, ''),
    jobsEveryMs: config.CARE_JOBS_EVERY_MS,
    timezone: config.LOYALTY_TIMEZONE,
  };
}
