import type { CampaignStep } from '../outreach/outreach-scheduler';

/** Triggered (always on, by risk changes), one-off (audience snapshot at launch), fee-change notice (by FeeChangeAnnounced). */
export const CAMPAIGN_KINDS = ['triggered', 'one_off', 'fee_change_notice'] as const;
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];

export const CAMPAIGN_STATUSES = ['draft', 'scheduled', 'running', 'paused', 'completed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** Who is in the audience. Empty lists mean "any"; include/exclude lists override the filters. */
export interface AudienceFilter {
  behaviourTiers: string[];
  valueTiers: string[];
  /** Any of these reason codes. */
  reasonCodes: string[];
  /** Days since the last approved transaction (local), inclusive bounds. */
  minDaysInactive?: number;
  maxDaysInactive?: number;
  regions: string[];
  cities: string[];
  categories: string[];
  merchantKinds: string[];
  /** true: only merchants with an open ticket; false: only merchants without. */
  hasOpenTicket?: boolean;
  /** Always in the audience (when known here), whatever the filters say. */
  includeMerchantIds: string[];
  /** Never in the audience. */
  excludeMerchantIds: string[];
}

export interface Campaign {
  id: string;
  name: string;
  kind: CampaignKind;
  status: CampaignStatus;
  audience: AudienceFilter;
  /** Steps of the treatment arm; the holdout arm has none, by construction. */
  steps: CampaignStep[];
  /** Share of legal entities held out (0 ≤ share < 1). */
  holdoutShare: number;
  attributionDays: number;
  /** K: approved transactions on one local day that count as a conversion. */
  conversionMinApproved: number;
  /** Days after an exit before the merchant may enter this campaign again. */
  reentryCooldownDays: number;
  startsAt: string | null;
  launchedAt: string | null;
  completedAt: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** Lifecycle actions and the moves they make. */
export const CAMPAIGN_ACTIONS = ['launch', 'start', 'pause', 'resume', 'complete'] as const;
export type CampaignAction = (typeof CAMPAIGN_ACTIONS)[number];

const MOVES: Record<CampaignAction, { from: readonly CampaignStatus[]; to: CampaignStatus }> = {
  /** launch: now (→ running) or at a future startsAt (→ scheduled); see {@link nextStatus}. */
  launch: { from: ['draft'], to: 'running' },
  /** A scheduled campaign whose start time came. */
  start: { from: ['scheduled'], to: 'running' },
  pause: { from: ['running'], to: 'paused' },
  resume: { from: ['paused'], to: 'running' },
  complete: { from: ['scheduled', 'running', 'paused'], to: 'completed' },
};

/**
 * Status after `action` from `status`, or null when the move is not allowed
 * (draft → scheduled → running ⇄ paused → completed).
 */
export function nextStatus(
  status: CampaignStatus,
  action: CampaignAction,
  startsInFuture = false,
): CampaignStatus | null {
  const move = MOVES[action];
  if (!move.from.includes(status)) return null;
  return action === 'launch' && startsInFuture ? 'scheduled' : move.to;
}
