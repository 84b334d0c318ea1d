/**
 * The shared vocabulary of merchant-pulse (DESIGN.md): every enumerated value that crosses a service
 * boundary, as an `as const` array (enumerable at runtime, used by validators and dashboards) and the
 * string-literal union type derived from it. Services reuse these instead of re-declaring strings.
 */

/** Payment channels of a card/QR transaction; also the keys of fee rates and activity breakdowns. */
export const CHANNELS = ['credit', 'debit', 'qr_alipay', 'qr_wechat', 'unionpay_qr'] as const;
/** A payment channel. */
export type Channel = (typeof CHANNELS)[number];

/** Kinds of raw acquirer transaction. A refund or reversal refers to its original transaction. */
export const TRANSACTION_TYPES = ['purchase', 'refund', 'reversal'] as const;
/** A raw transaction's kind. */
export type TransactionType = (typeof TRANSACTION_TYPES)[number];

/** Authorisation outcome of a raw transaction. */
export const TRANSACTION_STATUSES = ['approved', 'declined'] as const;
/** A raw transaction's authorisation outcome. */
export type TransactionStatus = (typeof TRANSACTION_STATUSES)[number];

/** How the card or wallet was read at the terminal. */
export const ENTRY_MODES = ['chip', 'swipe', 'contactless', 'manual', 'qr'] as const;
/** A raw transaction's entry mode. */
export type EntryMode = (typeof ENTRY_MODES)[number];

/**
 * Merchant status machine: draft → submitted → under_review → approved | rejected → active;
 * active ⇄ suspended; any status → closed (terminal state).
 */
export const MERCHANT_STATUSES = [
  'draft',
  'submitted',
  'under_review',
  'approved',
  'rejected',
  'active',
  'suspended',
  'closed',
] as const;
/** A merchant's onboarding/lifecycle status. */
export type MerchantStatus = (typeof MERCHANT_STATUSES)[number];

/** Individual merchants (ID card, settlement card, phone) or businesses (licence, corporate account, …). */
export const MERCHANT_KINDS = ['individual', 'business'] as const;
/** A merchant's legal kind. */
export type MerchantKind = (typeof MERCHANT_KINDS)[number];

/** Terminal states: in stock, assigned to a merchant, transacting, faulty, or retired for good. */
export const TERMINAL_STATUSES = ['inventory', 'assigned', 'active', 'faulty', 'retired'] as const;
/** A POS terminal's state. */
export type TerminalStatus = (typeof TERMINAL_STATUSES)[number];

/**
 * Behaviour tiers. dormant = no approved transaction for 30 days (default), churned = 90 days;
 * potential = new or growing; reactivated = transacting again after dormant/churned.
 */
export const BEHAVIOUR_TIERS = [
  'active',
  'potential',
  'at_risk',
  'dormant',
  'churned',
  'reactivated',
] as const;
/** A merchant's behaviour tier. */
export type BehaviourTier = (typeof BEHAVIOUR_TIERS)[number];

/** Value tiers by trailing fee revenue. */
export const VALUE_TIERS = ['high', 'mid', 'low'] as const;
/** A merchant's value tier. */
export type ValueTier = (typeof VALUE_TIERS)[number];

/** Coarse bands of the 0–100 churn risk score, for dashboards and audience rules. */
export const SCORE_BANDS = ['low', 'medium', 'high', 'critical'] as const;
/** A churn risk score band. */
export type ScoreBand = (typeof SCORE_BANDS)[number];

/** What is wrong with a terminal: a card-read failure spike, a decline spike, or no traffic at all. */
export const TERMINAL_HEALTH_KINDS = ['card_read_failures', 'declines', 'silent'] as const;
/** A kind of terminal health degradation. */
export type TerminalHealthKind = (typeof TERMINAL_HEALTH_KINDS)[number];

/** Outreach channels of reactivation campaigns; phone_task is a call task for an account manager. */
export const OUTREACH_CHANNELS = ['sms', 'email', 'phone_task'] as const;
/** A campaign outreach channel. */
export type OutreachChannel = (typeof OUTREACH_CHANNELS)[number];

/** Why an outreach could not be delivered. */
export const OUTREACH_FAILURE_REASONS = [
  'no_consent',
  'no_contact',
  'invalid_contact',
  'provider_error',
  'rate_limited',
  'expired',
] as const;
/** A reason an outreach failed. */
export type OutreachFailureReason = (typeof OUTREACH_FAILURE_REASONS)[number];

/** Campaign arms: treatment receives outreach; holdout does not and measures the baseline (uplift). */
export const CAMPAIGN_ARMS = ['treatment', 'holdout'] as const;
/** A campaign arm. */
export type CampaignArm = (typeof CAMPAIGN_ARMS)[number];

/** Kinds of compensation offered with a fee increase. */
export const COMPENSATION_KINDS = ['month_waived', 'rebate'] as const;
/** A compensation kind. */
export type CompensationKind = (typeof COMPENSATION_KINDS)[number];

/** After-sales ticket categories. */
export const TICKET_CATEGORIES = [
  'operation_question',
  'system_failure',
  'network',
  'card_read_failure',
  'device_fault',
  'fee_question',
  'fee_complaint',
  'application_kyc',
  'other',
] as const;
/** A ticket category. */
export type TicketCategory = (typeof TICKET_CATEGORIES)[number];

/** Ticket statuses: open → assigned → in_progress ⇄ waiting_on_merchant → resolved → closed (resolved may reopen). */
export const TICKET_STATUSES = [
  'open',
  'assigned',
  'in_progress',
  'waiting_on_merchant',
  'resolved',
  'closed',
] as const;
/** A ticket status. */
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Ticket priorities; each has its own SLA policy. */
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
/** A ticket priority. */
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

/** Who or what opened a ticket: the merchant, an ops agent, or automation (e.g. terminal health). */
export const TICKET_SOURCES = ['merchant', 'ops', 'terminal_health', 'campaign'] as const;
/** A ticket source. */
export type TicketSource = (typeof TICKET_SOURCES)[number];

/** Channels a ticket arrives through; `proactive` is opened by the system, `campaign` is a fix-first hand-over. */
export const TICKET_CHANNELS = ['phone', 'online', 'email', 'proactive', 'campaign'] as const;
/** A ticket channel. */
export type TicketChannel = (typeof TICKET_CHANNELS)[number];

/** SLA clocks of a ticket: time to first response, to the next response, and to resolution. */
export const SLA_KINDS = ['first_response', 'next_response', 'resolution'] as const;
/** An SLA kind. */
export type SlaKind = (typeof SLA_KINDS)[number];

/** How a resolved device/card-read/network ticket was verified (transaction, terminal recovery, agent override). */
export const RESOLUTION_VERIFICATIONS = ['transaction', 'terminal_recovered', 'override'] as const;
/** A resolution verification. */
export type ResolutionVerification = (typeof RESOLUTION_VERIFICATIONS)[number];

/** Services of merchant-pulse, used as the envelope's `producer`. */
export const SERVICE_NAMES = [
  'merchant-registry',
  'transaction-ingestion',
  'churn-scoring',
  'reactivation-campaigns',
  'after-sales-tickets',
] as const;
/** A service name. */
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** Default merchant timezone for daily activity and quiet hours. */
export const DEFAULT_TIMEZONE = 'Asia/Shanghai';

/** Default transaction currency (ISO 4217). */
export const DEFAULT_CURRENCY = 'CNY';

/** Loyalty membership tiers, lowest first (reactivation-campaigns). */
export const MEMBERSHIP_TIERS = ['standard', 'silver', 'gold', 'vip'] as const;
/** A merchant's membership tier. */
export type MembershipTier = (typeof MEMBERSHIP_TIERS)[number];

/** SLA tiers a membership grants; tickets pick their targets by it (vip fastest). */
export const SLA_TIERS = ['standard', 'priority', 'vip'] as const;
/** An SLA tier. */
export type SlaTier = (typeof SLA_TIERS)[number];

/** What points can be redeemed for. */
export const LOYALTY_REWARD_KINDS = ['fee_relief', 'device_check', 'catalogue_item'] as const;
/** A loyalty reward kind. */
export type LoyaltyRewardKind = (typeof LOYALTY_REWARD_KINDS)[number];

/** Why a merchant declared a temporary closure (MerchantClosureDeclared). */
export const CLOSURE_REASONS = [
  'spring_festival',
  'holiday',
  'renovation',
  'illness',
  'relocation',
  'other',
] as const;
/** One of {@link CLOSURE_REASONS}. */
export type ClosureReason = (typeof CLOSURE_REASONS)[number];
