import type { MembershipTier, SlaTier } from '@merchant-pulse/contracts';

/** What one tier requires and grants. Volumes are net approved fen over the trailing 90 days. */
export interface TierSpec {
  tier: MembershipTier;
  /** Enter (or be promoted to) the tier at or above this volume … */
  entryVolumeMinor: number;
  /** … with at least this tenure (days since the first approved trading day). */
  minTenureDays: number;
  privileges: {
    slaTier: SlaTier;
    feeReliefBpsAllowance: number;
    dedicatedAccountManager: boolean;
    eventInvitations: boolean;
  };
}

/** Tiers, lowest first. */
export const TIERS: readonly TierSpec[] = [
  {
    tier: 'standard',
    entryVolumeMinor: 0,
    minTenureDays: 0,
    privileges: {
      slaTier: 'standard',
      feeReliefBpsAllowance: 0,
      dedicatedAccountManager: false,
      eventInvitations: false,
    },
  },
  {
    tier: 'silver',
    entryVolumeMinor: 1_000_000, // ¥10,000
    minTenureDays: 30,
    privileges: {
      slaTier: 'standard',
      feeReliefBpsAllowance: 5,
      dedicatedAccountManager: false,
      eventInvitations: true,
    },
  },
  {
    tier: 'gold',
    entryVolumeMinor: 10_000_000, // ¥100,000
    minTenureDays: 90,
    privileges: {
      slaTier: 'priority',
      feeReliefBpsAllowance: 10,
      dedicatedAccountManager: false,
      eventInvitations: true,
    },
  },
  {
    tier: 'vip',
    entryVolumeMinor: 50_000_000, // ¥500,000
    minTenureDays: 180,
    privileges: {
      slaTier: 'vip',
      feeReliefBpsAllowance: 20,
      dedicatedAccountManager: true,
      eventInvitations: true,
    },
  },
];

/**
 * Hysteresis: a member keeps a tier until volume falls below this share of its entry threshold, so
 * a merchant trading around a threshold does not flap between two tiers every recalculation.
 */
export const EXIT_SHARE = 0.8;

/** What a tier decision is made from. */
export interface MembershipInputs {
  trailingVolumeMinor: number;
  tenureDays: number;
  /** churn.risk.v1's value tier (by trailing fee revenue), when known. */
  valueTier: string | null;
}

const rank = (tier: MembershipTier) => TIERS.findIndex((t) => t.tier === tier);
const yuan = (fen: number) => `¥${Math.round(fen / 100).toLocaleString('en-US')}`;

function qualifies(spec: TierSpec, inputs: MembershipInputs, share: number): boolean {
  // High value (fee revenue) counts as gold volume: a merchant on costly rails is worth as much.
  const volume =
    inputs.valueTier === 'high'
      ? Math.max(inputs.trailingVolumeMinor, TIERS[2].entryVolumeMinor)
      : inputs.trailingVolumeMinor;
  return volume >= spec.entryVolumeMinor * share && inputs.tenureDays >= spec.minTenureDays;
}

/**
 * The tier a merchant should hold: promotion to the highest tier whose entry it meets, at once;
 * otherwise it stays in its current tier while it meets that tier's exit threshold (80% of entry),
 * and drops to the highest tier whose exit threshold it still meets when it does not.
 */
export function decideTier(
  current: MembershipTier | null,
  inputs: MembershipInputs,
): { tier: MembershipTier; reason: string } {
  const entry = [...TIERS].reverse().find((spec) => qualifies(spec, inputs, 1))!;
  const held = current ?? 'standard';
  const facts = `trailing 90-day volume ${yuan(inputs.trailingVolumeMinor)}, tenure ${inputs.tenureDays} days, value tier ${inputs.valueTier ?? 'unknown'}`;
  if (rank(entry.tier) >= rank(held))
    return {
      tier: entry.tier,
      reason: `${facts}: meets ${entry.tier} entry ${yuan(entry.entryVolumeMinor)} / ${entry.minTenureDays} days`,
    };
  const kept = [...TIERS]
    .slice(0, rank(held) + 1)
    .reverse()
    .find((spec) => qualifies(spec, inputs, EXIT_SHARE))!;
  return {
    tier: kept.tier,
    reason:
      kept.tier === held
        ? `${facts}: above ${held} exit ${yuan(TIERS[rank(held)].entryVolumeMinor * EXIT_SHARE)}`
        : `${facts}: below ${held} exit ${yuan(TIERS[rank(held)].entryVolumeMinor * EXIT_SHARE)}`,
  };
}

export function privilegesOf(tier: MembershipTier): TierSpec['privileges'] {
  return TIERS[rank(tier)].privileges;
}
