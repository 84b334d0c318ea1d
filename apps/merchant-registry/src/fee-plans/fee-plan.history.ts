import type { FeePlanTermsV1 } from '@merchant-pulse/contracts';
import {
  feePlanAt,
  FeePlanInForce,
  FeePlanPeriod,
  feePlanPeriods,
  FeePlanSchedule,
  FeePlanVersionTerms,
  FeePromotionWindow,
  feeRatesFromTerms,
  versionAt,
} from '@merchant-pulse/fees';
import { FeePlanVersion, FeePromotion } from './fee-plan.repository';

/** A stored plan version as the shared fee-plan function reads it. */
export interface ScheduledVersion extends FeePlanVersionTerms {
  readonly row: FeePlanVersion;
}

/** A stored promotion as the shared fee-plan function reads it. */
export interface ScheduledPromotion extends FeePromotionWindow {
  readonly row: FeePromotion;
}

export type RegistryFeeSchedule = FeePlanSchedule<ScheduledVersion, ScheduledPromotion>;

/** Next version number of a merchant's plan. */
export function nextPlanVersion(history: readonly FeePlanVersion[]): number {
  return history.reduce((max, v) => Math.max(max, v.planVersion), 0) + 1;
}

/**
 * The merchant's base versions and promotion overlays, as `feePlanAt` reads them. Rows that carry a
 * `promotionId` are left out: they are promotional versions written before promotions became overlays,
 * and their promotion is in `fee_promotions` (the overlay) already.
 */
export function feeScheduleOf(
  history: readonly FeePlanVersion[],
  promotions: readonly FeePromotion[],
): RegistryFeeSchedule {
  return {
    versions: history
      .filter((row) => row.promotionId === null)
      .map((row) => ({
        row,
        planVersion: row.planVersion,
        effectiveFromMs: row.effectiveFrom.getTime(),
        rates: feeRatesFromTerms(row.terms),
        compensation: row.compensation,
      })),
    promotions: promotions.map((row) => ({
      row,
      bpsOff: row.bpsOff,
      startsMs: row.startsAt.getTime(),
      endsMs: row.endsAt.getTime(),
    })),
  };
}

/** The plan in force at `at` (the one rule both services use). */
export function planInForce(
  schedule: RegistryFeeSchedule,
  at: Date,
): FeePlanInForce<ScheduledVersion, ScheduledPromotion> {
  return feePlanAt(schedule, at.getTime());
}

/**
 * The base version a new version effective at `at` replaces: the one in force at that instant among the
 * existing ones (the new version, numbered higher, wins any tie on the effective date).
 */
export function versionReplacedAt(schedule: RegistryFeeSchedule, at: Date): FeePlanVersion | undefined {
  return versionAt(schedule.versions, at.getTime())?.row;
}

/** Base versions with their periods, newest first. */
export function periodsNewestFirst(schedule: RegistryFeeSchedule): FeePlanPeriod<ScheduledVersion>[] {
  return feePlanPeriods(schedule.versions).reverse();
}

/** A copy of terms (jsonb rows are shared objects). */
export function cloneTerms(terms: FeePlanTermsV1): FeePlanTermsV1 {
  return { rates: { ...terms.rates }, debitCapMinor: terms.debitCapMinor };
}
