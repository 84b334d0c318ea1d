// class-transformer's @Type reads design-time type metadata: the polyfill must load before the classes.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { COMPENSATION_KINDS } from '../vocabulary';
import type { CompensationKind } from '../vocabulary';
import {
  IsIdentifier,
  IsNonNegativeInteger,
  IsPositiveInt32,
  IsUtcInstant,
} from '../validation/contract-validators';

/**
 * merchant.lifecycle.v1 — fee-plan events, produced by merchant-registry.
 * Rates are basis points (1 bps = 0.01 %), amounts integer fen. The acquirer's published standard:
 * credit 60, debit 50 capped at 2500 fen per transaction, Alipay/WeChat QR 38, UnionPay QR 60.
 */

/** Rate of one channel in basis points, 0–10000. */
function IsBps(): (target: object, propertyKey: string) => void {
  return (target, propertyKey) => {
    IsInt()(target, propertyKey);
    Min(0)(target, propertyKey);
    Max(10_000)(target, propertyKey);
  };
}

/** Merchant discount rate per payment channel, in basis points. */
export class FeeRatesV1 {
  /** Credit cards. */
  @IsBps()
  credit: number;

  /** Debit cards (subject to {@link FeePlanTermsV1.debitCapMinor}). */
  @IsBps()
  debit: number;

  /** Alipay QR. */
  @IsBps()
  qr_alipay: number;

  /** WeChat Pay QR. */
  @IsBps()
  qr_wechat: number;

  /** UnionPay QR. */
  @IsBps()
  unionpay_qr: number;
}

/** A complete set of fee terms: rates plus the per-transaction debit fee cap. */
export class FeePlanTermsV1 {
  /** Rates per channel, in basis points. */
  @ValidateNested()
  @Type(() => FeeRatesV1)
  rates: FeeRatesV1;

  /** Maximum fee on one debit transaction, in fen (standard: 2500 = 25 CNY). */
  @IsNonNegativeInteger()
  debitCapMinor: number;
}

/**
 * Compensation for a fee increase, e.g. `{ kind: 'month_waived', months: 1 }` (fees of the first
 * month(s) at the new rate waived) or `{ kind: 'rebate', amountMinor: 5000 }` (one-off credit in fen).
 */
export class CompensationOfferV1 {
  /** `month_waived` or `rebate`. */
  @IsIn(COMPENSATION_KINDS)
  kind: CompensationKind;

  /** Number of months waived; required for `month_waived`. */
  @ValidateIf((offer: CompensationOfferV1) => offer.kind === 'month_waived' || offer.months !== undefined)
  @IsInt()
  @Min(1)
  @Max(12)
  months?: number;

  /** Rebate in fen; required for `rebate`. */
  @ValidateIf((offer: CompensationOfferV1) => offer.kind === 'rebate' || offer.amountMinor !== undefined)
  @IsNonNegativeInteger()
  amountMinor?: number;
}

/** A new fee-plan version took effect for the merchant (or was set at onboarding). */
export class FeePlanChangedV1 {
  /** Fee plan id (shared plans, e.g. `standard`, or a merchant-specific plan). */
  @IsIdentifier()
  feePlanId: string;

  /** Version of the merchant's fee plan, increasing from 1. */
  @IsPositiveInt32()
  planVersion: number;

  /** The terms now in force. */
  @ValidateNested()
  @Type(() => FeePlanTermsV1)
  terms: FeePlanTermsV1;

  /** The terms before this version; absent for the first version. */
  @IsOptional()
  @ValidateNested()
  @Type(() => FeePlanTermsV1)
  previousTerms?: FeePlanTermsV1;

  /** From when the terms apply to transactions (UTC instant; inclusive). */
  @IsUtcInstant()
  effectiveFrom: string;

  /** Compensation attached to this version, when it came with an increase. */
  @IsOptional()
  @ValidateNested()
  @Type(() => CompensationOfferV1)
  compensation?: CompensationOfferV1;

  /**
   * End (UTC instant, exclusive) of the fee waiver the compensation grants (`month_waived`: that many
   * calendar months from `effectiveFrom`); absent when nothing is waived. Informative: consumers that
   * price transactions derive it from `compensation` with the shared fee-plan function.
   */
  @IsOptional()
  @IsUtcInstant()
  feesWaivedUntil?: string;
}

/** A fee increase was announced ahead of its effective date (merchants must be told in advance). */
export class FeeChangeAnnouncedV1 {
  /** Fee plan id that will apply. */
  @IsIdentifier()
  feePlanId: string;

  /** Version the announced terms will have. */
  @IsPositiveInt32()
  planVersion: number;

  /** Terms in force now. */
  @ValidateNested()
  @Type(() => FeePlanTermsV1)
  currentTerms: FeePlanTermsV1;

  /** Terms that will apply from `effectiveFrom`. */
  @ValidateNested()
  @Type(() => FeePlanTermsV1)
  newTerms: FeePlanTermsV1;

  /** When the new terms take effect (UTC instant; inclusive). */
  @IsUtcInstant()
  effectiveFrom: string;

  /** When the merchant was told (UTC). */
  @IsUtcInstant()
  announcedAt: string;

  /** Compensation offered with the increase, if any. */
  @IsOptional()
  @ValidateNested()
  @Type(() => CompensationOfferV1)
  compensation?: CompensationOfferV1;

  /** End (UTC instant, exclusive) of the fee waiver the compensation grants, when it waives fees. */
  @IsOptional()
  @IsUtcInstant()
  feesWaivedUntil?: string;
}

/**
 * A promotional discount was granted: `bpsOff` off every channel rate of whatever base plan is in force,
 * from `startsAt` (inclusive) to `endsAt` (exclusive). An overlay: it creates no plan version, and it
 * ends by itself at `endsAt` (no event marks the end), so an increase taking effect meanwhile is
 * discounted too.
 */
export class FeePromotionGrantedV1 {
  /** Promotion id (UUIDv7). */
  @IsIdentifier()
  promotionId: string;

  /** Basis points taken off every channel rate (never below 0 bps); the debit cap is unchanged. */
  @IsInt()
  @Min(1)
  @Max(10_000)
  bpsOff: number;

  /** Start (UTC instant; inclusive). */
  @IsUtcInstant()
  startsAt: string;

  /** End (UTC instant; exclusive). */
  @IsUtcInstant()
  endsAt: string;
}
