// class-transformer's @Type reads design-time type metadata: the polyfill must load before the classes.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, Matches, ValidateNested } from 'class-validator';
import {
  IsCount,
  IsKnownTimeZone,
  IsLocalDate,
  IsNonNegativeInteger,
  IsSafeInteger,
  IsUtcInstant,
} from '../validation/contract-validators';

/**
 * merchant.activity.v1 — produced by transaction-ingestion.
 * MerchantDailyActivity holds ABSOLUTE totals for one (merchant, merchant-local date), recomputed
 * whenever a transaction of that day is accepted: a snapshot, so replays and reordering are harmless
 * (the consumer keeps the one with the latest `asOf`). All amounts are integer fen.
 */

/** Totals of one payment channel for the day: approved purchases only. */
export class ChannelTotalsV1 {
  /** Approved purchases on this channel. */
  @IsCount()
  count: number;

  /** Their gross amount, in fen. */
  @IsNonNegativeInteger()
  amountMinor: number;

  /** Fees on them, in fen (per-transaction, rounded half away from zero, debit cap applied). */
  @IsNonNegativeInteger()
  feeMinor: number;
}

/** Day totals per payment channel; every channel is present (zeros when unused). */
export class ChannelBreakdownV1 {
  /** Credit cards. */
  @ValidateNested()
  @Type(() => ChannelTotalsV1)
  credit: ChannelTotalsV1;

  /** Debit cards. */
  @ValidateNested()
  @Type(() => ChannelTotalsV1)
  debit: ChannelTotalsV1;

  /** Alipay QR. */
  @ValidateNested()
  @Type(() => ChannelTotalsV1)
  qr_alipay: ChannelTotalsV1;

  /** WeChat Pay QR. */
  @ValidateNested()
  @Type(() => ChannelTotalsV1)
  qr_wechat: ChannelTotalsV1;

  /** UnionPay QR. */
  @ValidateNested()
  @Type(() => ChannelTotalsV1)
  unionpay_qr: ChannelTotalsV1;
}

/** Absolute activity totals of one merchant for one local date (a snapshot). */
export class MerchantDailyActivityV1 {
  /** The merchant-local calendar date, `YYYY-MM-DD`. */
  @IsLocalDate()
  date: string;

  /** IANA timezone that defines the date's boundaries (merchant's timezone, default Asia/Shanghai). */
  @IsKnownTimeZone()
  timezone: string;

  /** ISO 4217 currency of every amount here (CNY). */
  @Matches(/^[A-Z]{3}$/)
  currency: string;

  /** Approved purchases (refunds and reversals not included). */
  @IsCount()
  approvedCount: number;

  /** Declined transactions of any type. */
  @IsCount()
  declinedCount: number;

  /** Gross amount of approved purchases, in fen. */
  @IsNonNegativeInteger()
  approvedAmountMinor: number;

  /** Approved refunds. */
  @IsCount()
  refundCount: number;

  /** Amount refunded, in fen (a positive magnitude). */
  @IsNonNegativeInteger()
  refundAmountMinor: number;

  /** Approved reversals (cancellations of a purchase of the same day). */
  @IsCount()
  reversalCount: number;

  /** Amount reversed, in fen (a positive magnitude). */
  @IsNonNegativeInteger()
  reversalAmountMinor: number;

  /** approvedAmountMinor − refundAmountMinor − reversalAmountMinor, in fen; may be negative. */
  @IsSafeInteger()
  netAmountMinor: number;

  /** Fees on approved purchases, in fen (sum of the channels' feeMinor). */
  @IsNonNegativeInteger()
  feeMinor: number;

  /** Approved purchases per payment channel. */
  @ValidateNested()
  @Type(() => ChannelBreakdownV1)
  byChannel: ChannelBreakdownV1;

  /** Transactions that failed because the card could not be read (response codes of the read-failure family). */
  @IsCount()
  cardReadFailureCount: number;

  /** Approved purchases per local hour of day: exactly 24 buckets, index 0 = 00:00–00:59. */
  @IsArray()
  @ArrayMinSize(24)
  @ArrayMaxSize(24)
  @IsCount({ each: true })
  hourlyApprovedCounts: number[];

  /** Distinct terminals that sent at least one transaction that day. */
  @IsCount()
  activeTerminalCount: number;

  /** First approved purchase of the day (UTC), absent when none. */
  @IsOptional()
  @IsUtcInstant()
  firstApprovedAt?: string;

  /** Last approved purchase of the day (UTC), absent when none. */
  @IsOptional()
  @IsUtcInstant()
  lastApprovedAt?: string;

  /** When these totals were computed (UTC); later snapshots of the same date supersede earlier ones. */
  @IsUtcInstant()
  asOf: string;
}
