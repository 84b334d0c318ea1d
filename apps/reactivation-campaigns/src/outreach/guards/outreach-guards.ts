import type { TicketCategory } from '@merchant-pulse/contracts';
import type { MerchantContext } from '../../merchants/merchant-context';
import type { CampaignStep, OutreachPurpose } from '../outreach-scheduler';

/** Why a send record was skipped (each counted in `pulse_outreach_skipped_total{reason}`). */
export const SKIP_REASONS = [
  'unknown_merchant',
  'merchant_suspended',
  'merchant_closed',
  'merchant_not_active',
  'suppressed_fix_first',
  'frequency_cap',
  'no_consent',
  'no_contact',
  'not_targeted',
  'reactivated',
  'offer_over_margin',
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

/** Ticket categories that mean the merchant cannot take payments properly: fix them before promoting. */
export const FIX_FIRST_CATEGORIES: readonly TicketCategory[] = [
  'device_fault',
  'network',
  'card_read_failure',
];

/** A merchant that is not active is never contacted by a campaign (suspended, closed, still onboarding). */
export function statusSkipReason(status: string): SkipReason | null {
  if (status === 'active') return null;
  if (status === 'suspended') return 'merchant_suspended';
  if (status === 'closed') return 'merchant_closed';
  return 'merchant_not_active';
}

/** Whether the step is meant for this merchant now: value tier filter, and not after it converted. */
export function targetingSkipReason(step: CampaignStep, context: MerchantContext): SkipReason | null {
  if (step.valueTiers.length > 0 && !step.valueTiers.includes(context.valueTier ?? '')) return 'not_targeted';
  if (step.onlyIfNotReactivated && context.behaviourTier === 'reactivated') return 'reactivated';
  return null;
}

/** What fix-first found: the support category to route to and what caused it. */
export interface FixFirstFinding {
  category: TicketCategory;
  openTicketIds: string[];
  degradedTerminalIds: string[];
}

const CATEGORY_BY_HEALTH_KIND: Record<string, TicketCategory> = {
  card_read_failures: 'card_read_failure',
  declines: 'device_fault',
  silent: 'network',
};

/**
 * Fix-first: no promotion to a merchant with an open device/network/card-read ticket or a degraded
 * terminal — it is routed to support instead. Service messages (fee-change notices) are exempt: the
 * merchant must still be told about its fees.
 */
export function fixFirstFinding(purpose: OutreachPurpose, context: MerchantContext): FixFirstFinding | null {
  if (purpose !== 'marketing') return null;
  const tickets = context.openTickets.filter((t) => FIX_FIRST_CATEGORIES.includes(t.category));
  const terminals = context.degradedTerminals;
  if (tickets.length === 0 && terminals.length === 0) return null;
  return {
    category: tickets[0]?.category ?? CATEGORY_BY_HEALTH_KIND[terminals[0].kind] ?? 'device_fault',
    openTicketIds: tickets.map((t) => t.ticketId),
    degradedTerminalIds: terminals.map((t) => t.terminalId),
  };
}

/** Frequency cap across campaigns: marketing only; service notices are exempt. */
export function capReached(purpose: OutreachPurpose, recentMarketingContacts: number, cap: number): boolean {
  return purpose === 'marketing' && recentMarketingContacts >= cap;
}

/** A channel's contact as the registry answers it at send time. */
export interface ChannelContact {
  address: string | null;
  consent: { service: boolean; marketing: boolean };
}

/** Consent for the channel AND purpose, then an address: why this channel cannot be used, or null. */
export function contactSkipReason(
  contact: ChannelContact,
  purpose: OutreachPurpose,
): 'no_consent' | 'no_contact' | null {
  if (!contact.consent[purpose]) return 'no_consent';
  if (!contact.address) return 'no_contact';
  return null;
}
