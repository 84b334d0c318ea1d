// class-transformer's @Type reads design-time type metadata: the polyfill must load before the classes.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { BEHAVIOUR_TIERS, SCORE_BANDS, VALUE_TIERS } from '../vocabulary';
import type { BehaviourTier, ScoreBand, ValueTier } from '../vocabulary';
import {
  IsPrimitiveRecord,
  IsText,
  IsUtcInstant,
  RISK_REASON_CODE_PATTERN,
} from '../validation/contract-validators';

/**
 * churn.risk.v1 — produced by churn-scoring whenever a merchant's score band, behaviour tier or value
 * tier changes (not on every rescore). Scores always carry human-readable reasons.
 */

/** One reason behind a score, with the numbers that justify it. */
export class RiskReasonV1 {
  /** Stable machine code, snake_case, e.g. `volume_drop`, `no_transactions`, `card_read_failures`. */
  @Matches(RISK_REASON_CODE_PATTERN)
  code: string;

  /** Sentence for ops and account managers, e.g. "Weekly volume fell 62% vs the previous 4 weeks". */
  @IsText(1, 500)
  message: string;

  /** Flat evidence (primitives only), e.g. `{ daysSinceLastApproved: 34, trailing28dAmountMinor: 120000 }`. */
  @IsPrimitiveRecord()
  evidence: Record<string, string | number | boolean | null>;
}

/** A merchant's churn risk changed. Previous values are absent on the first score. */
export class MerchantRiskChangedV1 {
  /** Churn risk, 0 (safe) – 100 (certain to churn). */
  @IsInt()
  @Min(0)
  @Max(100)
  score: number;

  /** Band of the score: low | medium | high | critical. */
  @IsIn(SCORE_BANDS)
  scoreBand: ScoreBand;

  /** Behaviour tier (dormant = no approved transaction for 30 days; churned = 90 by default). */
  @IsIn(BEHAVIOUR_TIERS)
  behaviourTier: BehaviourTier;

  /** Value tier by trailing fee revenue. */
  @IsIn(VALUE_TIERS)
  valueTier: ValueTier;

  /** Score before this change. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  previousScore?: number;

  /** Band before this change. */
  @IsOptional()
  @IsIn(SCORE_BANDS)
  previousScoreBand?: ScoreBand;

  /** Behaviour tier before this change. */
  @IsOptional()
  @IsIn(BEHAVIOUR_TIERS)
  previousBehaviourTier?: BehaviourTier;

  /** Value tier before this change. */
  @IsOptional()
  @IsIn(VALUE_TIERS)
  previousValueTier?: ValueTier;

  /** Why, most important first; at least one. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => RiskReasonV1)
  reasons: RiskReasonV1[];

  /** Version of the model parameters that produced the score, e.g. `bgnbd-2026.03.01`. */
  @IsText(1, 64)
  modelVersion: string;

  /** Instant the score describes (UTC; the clock's now, which the simulator may set). */
  @IsUtcInstant()
  asOf: string;

  /**
   * Calibrated probability (0–1) that the merchant starts a 30-day dormancy within 30 days, from the
   * early-warning hazard model; the behaviour tier is `at_risk` from 0.30. Absent until a hazard model
   * is current (then the tier follows the score, at_risk from 50).
   */
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  pDormant30d?: number;

  /** Version of the hazard model behind pDormant30d, e.g. `hazard-2026-07-03.1+bgbb`. */
  @IsOptional()
  @IsText(1, 64)
  earlyWarningModelVersion?: string;

  /** What pushed pDormant30d up most (coefficient × the merchant's deviation), in words with evidence. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => RiskReasonV1)
  earlyWarningReasons?: RiskReasonV1[];
}
