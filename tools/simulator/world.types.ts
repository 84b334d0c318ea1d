import type { Channel } from '@merchant-pulse/contracts';

/** Business category of a simulated merchant; drives its rhythm, ticket sizes and channel mix. */
export type MerchantCategory = 'restaurant' | 'retail' | 'services';

/** What happens to a merchant over the simulated span (ground truth for churn scoring). */
export type ScenarioKind = 'healthy' | 'gradual_decline' | 'abrupt_stop';

/**
 * A merchant's planned fate, as day offsets from the run's start date (day 0). A gradual decline
 * multiplies volume by exp(-(day - declineStartDay) / decayDays) and stops for good on stopDay;
 * an abrupt stop trades normally until stopDay and never again.
 */
export interface Scenario {
  kind: ScenarioKind;
  declineStartDay?: number;
  decayDays?: number;
  stopDay?: number;
}

/** A terminal that starts failing to read cards on `startDay` (offset from the run's start). */
export interface CardReadFailurePlan {
  startDay: number;
  /** Share of card-present attempts (chip, swipe, contactless) that fail to read from startDay. */
  failureRate: number;
}

/** A POS terminal as registered and as it appears on transactions. */
export interface SimTerminal {
  terminalId: string;
  serialNumber: string;
  model: string;
  firmwareVersion: string;
  /** Relative share of the merchant's transactions captured here. */
  weight: number;
  cardReadFailure?: CardReadFailurePlan;
}

/** How a merchant trades: volumes, tickets, channels, failure rates. */
export interface TradingProfile {
  /** Mean approved + declined purchase attempts on an average day (before weekday effect). */
  dailyMean: number;
  /** Median purchase amount in fen; amounts are lognormal around it. */
  ticketMedianMinor: number;
  /** Log-space standard deviation of purchase amounts. */
  ticketSigma: number;
  /** Weight of each channel (unnormalised). */
  channelWeights: Record<Channel, number>;
  /** Probability that a purchase attempt is declined by the issuer. */
  declineRate: number;
  /** Probability that an approved purchase is later refunded (same day). */
  refundRate: number;
  /** Probability that an approved purchase is reversed within a minute. */
  reversalRate: number;
}

/** Registration data and behaviour of one simulated merchant. */
export interface SimMerchant {
  index: number;
  merchantId: string;
  category: MerchantCategory;
  kind: 'individual' | 'business';
  businessType?: 'company' | 'sole_proprietor';
  legalName: string;
  displayName: string;
  city: string;
  region: string;
  timezone: string;
  contact: { name: string; phone: string; email?: string; preferredChannel: 'sms' | 'email' | 'phone' };
  idNumber: string;
  creditCode?: string;
  settlementCard: { number: string; bankName: string };
  terminalAddress: string;
  terminals: SimTerminal[];
  profile: TradingProfile;
  scenario: Scenario;
}

/** The generated acquirer world: everything `register` and `run` need, plus the planned truth. */
export interface World {
  version: 1;
  seed: number;
  acquirerId: string;
  /** Span (days) the scenarios were planned for; `run --days` may differ. */
  horizonDays: number;
  merchants: SimMerchant[];
  plannedTruth: PlannedTruth;
}

/** Scenario assignment as planned (day offsets), written with the world. */
export interface PlannedTruth {
  gradualDecline: Array<{ merchantId: string; declineStartDay: number; stopDay: number }>;
  abruptStop: Array<{ merchantId: string; stopDay: number }>;
  failingTerminals: Array<{ terminalId: string; merchantId: string; startDay: number; failureRate: number }>;
  /** Rates of delivery defects applied by `run`. */
  duplicateRate: number;
  malformedRate: number;
}
