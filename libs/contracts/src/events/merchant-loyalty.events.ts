import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, ValidateNested } from 'class-validator';
import { LOYALTY_REWARD_KINDS, MEMBERSHIP_TIERS, SLA_TIERS } from '../vocabulary';
import type { LoyaltyRewardKind, MembershipTier, SlaTier } from '../vocabulary';
import {
  IsCount,
  IsIdentifier,
  IsNonNegativeInteger,
  IsPositiveInt32,
  IsText,
  IsUtcInstant,
} from '../validation/contract-validators';

/**
 * merchant.loyalty.v1 — produced by reactivation-campaigns (loyalty programme and membership).
 * after-sales-tickets consumes MembershipChanged for the SLA tier and LoyaltyRewardRedeemed
 * (`device_check`) to open a device-check ticket. No PII here.
 */

/** What a membership tier entitles the merchant to. */
export class MembershipPrivilegesV1 {
  /** SLA tier tickets should apply: `standard`, `priority` (gold) or `vip` (fastest). */
  @IsIn(SLA_TIERS)
  slaTier: SlaTier;

  /** Fee relief the merchant may receive per quarter without redeeming points, in basis points (0 = none). */
  @IsNonNegativeInteger()
  feeReliefBpsAllowance: number;

  /** A dedicated account manager owns the merchant's phone tasks. */
  @IsBoolean()
  dedicatedAccountManager: boolean;

  /** Invited to merchant events. */
  @IsBoolean()
  eventInvitations: boolean;
}

/** A merchant's membership tier changed (recalculated on a schedule, with hysteresis). */
export class MembershipChangedV1 {
  /** Previous tier; absent for a merchant's first assessment. */
  @IsOptional()
  @IsIn(MEMBERSHIP_TIERS)
  from?: MembershipTier;

  /** New tier: standard, silver, gold or vip. */
  @IsIn(MEMBERSHIP_TIERS)
  to: MembershipTier;

  /** Privileges of the new tier. */
  @ValidateNested()
  @Type(() => MembershipPrivilegesV1)
  privileges: MembershipPrivilegesV1;

  /** Approved volume over the trailing 90 days the tier was computed from, in fen. */
  @IsNonNegativeInteger()
  trailingVolumeMinor: number;

  /** Days since the merchant's first approved trading day. */
  @IsCount()
  tenureDays: number;

  /** Human-readable reason, e.g. "trailing 90-day volume ¥1,250,000 ≥ gold entry ¥1,000,000". */
  @IsText(1, 500)
  reason: string;

  /** When the change took effect (UTC). */
  @IsUtcInstant()
  changedAt: string;
}

/** Points were redeemed for a reward (fee relief, a free device check, a catalogue item). */
export class LoyaltyRewardRedeemedV1 {
  /** Redemption id (idempotency key for consumers). */
  @IsIdentifier()
  redemptionId: string;

  /** `fee_relief`, `device_check` or `catalogue_item`. */
  @IsIn(LOYALTY_REWARD_KINDS)
  kind: LoyaltyRewardKind;

  /** Catalogue item id, e.g. `device-check`, `fee-relief-10bps-30d`. */
  @IsIdentifier()
  item: string;

  /** Points debited. */
  @IsPositiveInt32()
  points: number;

  /** For fee relief, the registry's promotion id. */
  @IsOptional()
  @IsIdentifier()
  externalReference?: string;

  /** When it was redeemed (UTC). */
  @IsUtcInstant()
  redeemedAt: string;
}
