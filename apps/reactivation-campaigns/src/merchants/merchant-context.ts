import type { CampaignArm, TerminalHealthKind, TicketCategory } from '@merchant-pulse/contracts';

/**
 * What reactivation-campaigns knows of one merchant, from its own projections of churn.risk.v1,
 * merchant.activity.v1, merchant.lifecycle.v1, terminal.health.v1 and support.tickets.v1 (never from
 * another service's schema). Contact details and consent are NOT here: they are read from the
 * registry's API at send time.
 *
 * Shared between the campaign (audience, enrolment, results) and outreach (guards, channels) parts of
 * the service; the merchants/ folder owns the projections that fill it.
 */
export interface MerchantContext {
  merchantId: string;
  /** Lifecycle status from the registry's events (active, suspended, closed, …). */
  status: string;
  kind: 'individual' | 'business' | null;
  /** Holdout arms are assigned by legal entity (all stores of one chain share an arm). */
  legalEntityId: string;
  displayName: string | null;
  /** IANA timezone of the merchant (send windows are computed in it). */
  timezone: string;
  region: string | null;
  city: string | null;
  category: string | null;
  behaviourTier: string | null;
  valueTier: string | null;
  riskBand: string | null;
  riskScore: number | null;
  reasonCodes: string[];
  /** Local date (YYYY-MM-DD) of the last day with an approved transaction, if any. */
  lastApprovedDate: string | null;
  /** Approved transactions per local hour of day (24 buckets) over the trailing 28 days. */
  hourHistogram: number[];
  /** Share of approved volume per payment channel over the trailing 28 days (sums to 1, or empty). */
  channelMix: Record<string, number>;
  /** Fees the acquirer earned from the merchant over the trailing 30 days, in minor units (fen). */
  trailingFeeMinor: number;
  /** Approved volume over the trailing 30 days, in minor units. */
  trailingVolumeMinor: number;
  /** Open tickets (not resolved/closed) with their category. */
  openTickets: Array<{ ticketId: string; category: TicketCategory; openedAt: string }>;
  /** Terminals currently degraded. */
  degradedTerminals: Array<{ terminalId: string; kind: TerminalHealthKind; since: string }>;
}

/** Reads a merchant's context; null when the service has never heard of the merchant. */
export abstract class MerchantContextReader {
  abstract read(merchantId: string): Promise<MerchantContext | null>;
}

/** The arm a merchant was enrolled in, re-exported for the outreach side. */
export type EnrolmentArm = CampaignArm;
