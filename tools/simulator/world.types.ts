import type { Channel } from '@merchant-pulse/contracts';

/** Business category of a simulated merchant; drives its rhythm, ticket sizes and channel mix. */
export type MerchantCategory = 'restaurant' | 'retail' | 'services';

/** What happens to a merchant over the simulated span (ground truth for churn scoring). */
export type ScenarioKind =
  | 'healthy'
  | 'gradual_decline'
  | 'abrupt_stop'
  /** A terminal starts failing card reads (rate rising over `rampDays`), customers drift away, the merchant stops. */
  | 'terminal_failure_stop'
  /** A fee increase is announced; the merchant moves its volume to a competitor and stops near the effective date. */
  | 'fee_increase_leaver';

/** Why a merchant pauses on purpose and comes back (not churn). */
export type BreakReason = 'spring_festival' | 'habitual';

/** A planned pause: no transaction from startDay for `days` days, then normal trading again. */
export interface TradingBreak {
  startDay: number;
  days: number;
  reason: BreakReason;
}

/** A fee increase told to the merchant on announceDay, in force from effectiveDay (card credit rate, bps). */
export interface FeeIncreasePlan {
  announceDay: number;
  effectiveDay: number;
  fromBps: number;
  toBps: number;
  /** True when the merchant leaves over it (scenario fee_increase_leaver). */
  leaves: boolean;
}

/** A temporary dip that recovers (roadworks, a competitor's promotion): volume × depth for `days`. */
export interface TemporaryDip {
  startDay: number;
  days: number;
  depth: number;
}

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
  /** Days over which the rate rises linearly from the baseline to failureRate (0 or absent = at once). */
  rampDays?: number;
  /** First day the terminal reads cards normally again (repaired); absent = never. */
  repairedDay?: number;
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
  /** Planned pauses that end (precursor mixes only). */
  breaks?: TradingBreak[];
  /** Planned fee increase (precursor mixes only). */
  feeIncrease?: FeeIncreasePlan;
  /** Planned temporary dip that recovers (precursor mixes only). */
  dip?: TemporaryDip;
}

/** The generated acquirer world: everything `register` and `run` need, plus the planned truth. */
export interface World {
  version: 1;
  seed: number;
  acquirerId: string;
  /** Span (days) the scenarios were planned for; `run --days` may differ. */
  horizonDays: number;
  /** Scenario mix the world was generated with (`legacy` when absent). */
  mix?: string;
  /** Start date the calendar-bound plans (Spring Festival) assume; `run --start` should match it. */
  plannedStart?: string;
  merchants: SimMerchant[];
  plannedTruth: PlannedTruth;
}

/** Scenario assignment as planned (day offsets), written with the world. */
export interface PlannedTruth {
  gradualDecline: Array<{ merchantId: string; declineStartDay: number; stopDay: number }>;
  abruptStop: Array<{ merchantId: string; stopDay: number }>;
  failingTerminals: Array<{
    terminalId: string;
    merchantId: string;
    startDay: number;
    failureRate: number;
    repairedDay?: number;
  }>;
  /** Precursor plans of the non-legacy mixes (absent under `legacy`). */
  precursors?: PrecursorTruth;
  /** Rates of delivery defects applied by `run`. */
  duplicateRate: number;
  malformedRate: number;
}

/** What the precursor mixes planned, by merchant (day offsets). */
export interface PrecursorTruth {
  terminalFailureStop: Array<{
    merchantId: string;
    terminalId: string;
    failureStartDay: number;
    stopDay: number;
  }>;
  feeIncreases: Array<{ merchantId: string } & FeeIncreasePlan & { stopDay?: number }>;
  breaks: Array<{ merchantId: string } & TradingBreak>;
  dips: Array<{ merchantId: string } & TemporaryDip>;
  /** Day offset of the Spring Festival (lunar new year's day) in the span, null if outside it. */
  springFestivalDay: number | null;
}
