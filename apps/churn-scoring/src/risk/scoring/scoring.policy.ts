/**
 * Business thresholds of scoring and tiers (DESIGN.md defaults), configurable through
 * ChurnScoringConfig. Money in fen.
 */
export interface ScoringPolicy {
  /** Days without an approved transaction after which a merchant is dormant (default 30). */
  dormantAfterDays: number;
  /** Days without an approved transaction after which a merchant is churned (default 90). */
  churnedAfterDays: number;
  /** How long a merchant stays `reactivated` after transacting again (default 28). */
  reactivatedForDays: number;
  /** Merchants younger than this (days since first approved purchase) are new (default 14). */
  newMerchantAgeDays: number;
  /** Trailing 90-day fee revenue (fen) from which a merchant is high value (default 300,000 = ¥3,000). */
  highValueMinFeeMinor: number;
  /** Trailing 90-day fee revenue (fen) from which a merchant is mid value (default 30,000 = ¥300). */
  midValueMinFeeMinor: number;
}

/** DESIGN.md defaults. */
export const DEFAULT_SCORING_POLICY: ScoringPolicy = {
  dormantAfterDays: 30,
  churnedAfterDays: 90,
  reactivatedForDays: 28,
  newMerchantAgeDays: 14,
  highValueMinFeeMinor: 300_000,
  midValueMinFeeMinor: 30_000,
};
