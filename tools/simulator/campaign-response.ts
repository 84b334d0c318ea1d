import { Rng } from './rng';
import type { ScenarioKind } from './world.types';

/**
 * How simulated merchants respond to a reactivation campaign (ground truth for uplift).
 *
 * Every enrolled merchant draws ONE uniform u from its own stream (seed, merchant): it reactivates
 * within the campaign window when u < baseRate, plus `lift` when it was CONTACTED (a treatment merchant
 * the outreach side actually sent to) and its dormancy kind can be won back. So a treatment merchant
 * and its holdout twin (same u) differ only by the lift: the true uplift of contact is exactly `lift`
 * among winnable contacted merchants.
 *
 * The simulator cannot see sends: it is told who was contacted — from OutreachSent events of
 * campaign.outreach.v1 ({@link contactedMerchants}) when outreach runs, or "every treatment merchant"
 * when the experiment measures the campaign side alone.
 */
export interface CampaignResponseConfig {
  seed: number;
  /** Probability that an enrolled dormant merchant comes back on its own within the window. */
  baseRate: number;
  /** Added probability for a contacted, winnable merchant. */
  lift: number;
  /** Days after enrolment within which a reactivation falls (uniform, 1..maxDay). */
  maxDay: number;
  /** Approved purchases on the reactivation day (≥ the campaign's K). */
  minApproved: number;
}

/** Dormancy kinds a campaign can win back: a merchant whose volume faded (not one that closed abruptly). */
export const WINNABLE_KINDS: readonly ScenarioKind[] = ['gradual_decline'];

/** One merchant's simulated response. */
export interface CampaignResponse {
  merchantId: string;
  contacted: boolean;
  winnable: boolean;
  /** The merchant's probability of reactivating within the window. */
  probability: number;
  reactivates: boolean;
  /** Days after the enrolment day of the reactivating day (when it reactivates). */
  dayOffset: number;
  /** Approved purchases on that day. */
  approvedCount: number;
}

/** The response of one merchant; deterministic in (seed, merchantId), independent of arm for the draw. */
export function campaignResponse(
  config: CampaignResponseConfig,
  merchantId: string,
  situation: { contacted: boolean; winnable: boolean },
): CampaignResponse {
  const rng = new Rng(config.seed, 0x0ca3_1a19, hashId(merchantId));
  const u = rng.next();
  const dayOffset = rng.int(1, config.maxDay);
  const approvedCount = config.minApproved + rng.int(0, 5);
  const probability = config.baseRate + (situation.contacted && situation.winnable ? config.lift : 0);
  return { merchantId, ...situation, probability, reactivates: u < probability, dayOffset, approvedCount };
}

/** Merchants that OutreachSent events (campaign.outreach.v1 envelopes) say were contacted by `campaignId`. */
export function contactedMerchants(
  events: ReadonlyArray<{ type: string; merchantId: string; payload: { campaignId?: string } }>,
  campaignId: string,
): Set<string> {
  return new Set(
    events
      .filter((e) => e.type === 'OutreachSent' && e.payload.campaignId === campaignId)
      .map((e) => e.merchantId),
  );
}

/** Ground truth of a campaign response run, for the ground-truth file beside the simulator's. */
export interface CampaignResponseTruth {
  baseRate: number;
  /** The simulated lift of contact for winnable merchants (probability points). */
  lift: number;
  /** Expected uplift treatment − holdout: lift × share of treatment merchants contacted and winnable. */
  expectedUplift: number;
  treatment: { enrolled: number; contactedWinnable: number; reactivated: number };
  holdout: { enrolled: number; reactivated: number };
  /** Realised difference of reactivation shares (what an unbiased estimate centres on). */
  realisedUplift: number;
}

/** Sums responses per arm into the ground truth. */
export function campaignResponseTruth(
  config: CampaignResponseConfig,
  responses: ReadonlyArray<CampaignResponse & { arm: 'treatment' | 'holdout' }>,
): CampaignResponseTruth {
  const t = responses.filter((r) => r.arm === 'treatment');
  const h = responses.filter((r) => r.arm === 'holdout');
  const cw = t.filter((r) => r.contacted && r.winnable).length;
  const rt = t.filter((r) => r.reactivates).length;
  const rh = h.filter((r) => r.reactivates).length;
  return {
    baseRate: config.baseRate,
    lift: config.lift,
    expectedUplift: t.length > 0 ? (config.lift * cw) / t.length : 0,
    treatment: { enrolled: t.length, contactedWinnable: cw, reactivated: rt },
    holdout: { enrolled: h.length, reactivated: rh },
    realisedUplift: t.length > 0 && h.length > 0 ? rt / t.length - rh / h.length : 0,
  };
}

/** FNV-1a of an id, as a 32-bit seed. */
function hashId(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
