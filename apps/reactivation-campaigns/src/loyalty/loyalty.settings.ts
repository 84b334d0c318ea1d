import { ReactivationCampaignsConfig } from '../config/reactivation-campaigns.config';

/** The loyalty part of the service's configuration, as the use cases need it (fakeable in unit tests). */
export interface LoyaltySettings {
  pointsValidMonths: number;
  timezone: string;
  jobsEveryMs: number;
  referralQualifyingDays: number;
  referralRewardPoints: number;
  terminalIdleDays: number;
}

export const LOYALTY_SETTINGS = Symbol('LOYALTY_SETTINGS');

export function loyaltySettingsOf(config: ReactivationCampaignsConfig): LoyaltySettings {
  return {
    pointsValidMonths: config.LOYALTY_POINTS_VALID_MONTHS,
    timezone: config.LOYALTY_TIMEZONE,
    jobsEveryMs: config.LOYALTY_JOBS_EVERY_MS,
    referralQualifyingDays: config.REFERRAL_QUALIFYING_DAYS,
    referralRewardPoints: config.REFERRAL_REWARD_POINTS,
    terminalIdleDays: config.TERMINAL_IDLE_DAYS,
  };
}

/** The calendar date (`YYYY-MM-DD`) of an instant in a timezone. */
export function localDate(instant: Date, timezone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}
