// class-transformer's @Type reads design-time type metadata: the polyfill must load before the classes.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  Matches,
  ValidateNested,
} from 'class-validator';
import { CLOSURE_REASONS, MERCHANT_KINDS, MERCHANT_STATUSES, TERMINAL_STATUSES } from '../vocabulary';
import type { ClosureReason, MerchantKind, MerchantStatus, TerminalStatus } from '../vocabulary';
import {
  IsIdentifier,
  IsKnownTimeZone,
  IsLocalDate,
  IsText,
  IsUtcInstant,
} from '../validation/contract-validators';

/**
 * merchant.lifecycle.v1 — merchants and terminals, produced by merchant-registry.
 * Events carry no personal data (no names of people, ID numbers or phone numbers): consumers that
 * need contact details ask merchant-registry over REST, which enforces consent.
 * (Fee-plan events of the same topic are in fee-plan.events.ts.)
 */

/** Which outreach channels the merchant has consented to (PIPL: no consent, no outreach). */
export class ContactConsentV1 {
  /** May receive SMS. */
  @IsBoolean()
  sms: boolean;

  /** May receive email. */
  @IsBoolean()
  email: boolean;

  /** May be phoned by an account manager. */
  @IsBoolean()
  phoneTask: boolean;
}

/** Profile fields of a merchant that other services use; MerchantUpdated lists which ones changed. */
export const MERCHANT_PROFILE_FIELDS = [
  'legalName',
  'displayName',
  'mcc',
  'city',
  'timezone',
  'contactConsent',
] as const;
/** A merchant profile field name. */
export type MerchantProfileField = (typeof MERCHANT_PROFILE_FIELDS)[number];

/** The shareable merchant profile, as of the event. */
export class MerchantProfileV1 {
  /** Registered legal name (company or individual business name). */
  @IsText(1, 200)
  legalName: string;

  /** Store name shown to customers and ops. */
  @IsText(1, 200)
  displayName: string;

  /** ISO 18245 merchant category code, four digits (e.g. `5812` restaurants). */
  @Matches(/^\d{4}$/)
  mcc: string;

  /** City of the (main) store, e.g. `Shanghai`. */
  @IsOptional()
  @IsText(1, 100)
  city?: string;

  /** IANA timezone for daily activity and quiet hours; default `Asia/Shanghai`. */
  @IsKnownTimeZone()
  timezone: string;

  /**
   * Pseudonymous id of the legal entity behind the merchant: every store of one chain (same business
   * registration, or the same individual) shares it; campaigns assign holdout arms by it. Not personal
   * data (a keyed digest, never the credit code or ID number itself). Absent from older producers:
   * consumers then treat the merchant as its own legal entity.
   */
  @IsOptional()
  @IsIdentifier()
  legalEntityId?: string;

  /** Sales region of the merchant (e.g. `east`), for campaign audiences; absent from older producers. */
  @IsOptional()
  @IsText(1, 100)
  region?: string;

  /** Business category (restaurant | retail | services | other), for campaign audiences; absent from older producers. */
  @IsOptional()
  @IsText(1, 50)
  category?: string;

  /** Outreach consent per channel. */
  @ValidateNested()
  @Type(() => ContactConsentV1)
  contactConsent: ContactConsentV1;
}

/** A merchant was created in the registry (status `draft` or later when imported). */
export class MerchantRegisteredV1 extends MerchantProfileV1 {
  /** `individual` or `business`; decides the onboarding documents required. */
  @IsIn(MERCHANT_KINDS)
  kind: MerchantKind;

  /** Status at registration. */
  @IsIn(MERCHANT_STATUSES)
  status: MerchantStatus;

  /** When the merchant was registered (UTC). */
  @IsUtcInstant()
  registeredAt: string;

  /** The referring merchant (resolved from the referral code on the application), when there was one. */
  @IsOptional()
  @IsIdentifier()
  referredBy?: string;

  /**
   * With `referredBy`: true when the registry found the application's legal representative (ID number)
   * or settlement card equal to the referrer's — a self-referral that earns no reward. The registry
   * compares the PII it holds; the PII itself is never published.
   */
  @IsOptional()
  @IsBoolean()
  referralSamePartyAsReferrer?: boolean;
}

/** Profile fields changed; the payload is the full profile after the change (a snapshot). */
export class MerchantUpdatedV1 extends MerchantProfileV1 {
  /** Which profile fields changed in this update (at least one). */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(MERCHANT_PROFILE_FIELDS, { each: true })
  changedFields: MerchantProfileField[];

  /** When the change was made (UTC). */
  @IsUtcInstant()
  updatedAt: string;
}

/** The merchant moved along the status machine (see MERCHANT_STATUSES). */
export class MerchantStatusChangedV1 {
  /** Status before the change. */
  @IsIn(MERCHANT_STATUSES)
  from: MerchantStatus;

  /** Status after the change. */
  @IsIn(MERCHANT_STATUSES)
  to: MerchantStatus;

  /** Why, for humans: e.g. the KYC rejection reason or the suspension cause. */
  @IsOptional()
  @IsText(1, 500)
  reason?: string;

  /** Who made the change: an ops user id or `system`. */
  @IsOptional()
  @IsIdentifier()
  actor?: string;

  /** When the status changed (UTC). */
  @IsUtcInstant()
  changedAt: string;
}

/**
 * The merchant declared a temporary closure (holiday, Spring Festival, renovation, illness...): no
 * trade is expected from `startsOn` to `endsOn` (local dates, inclusive), and the silence is a break,
 * not churn. The merchant's status does not change.
 */
export class MerchantClosureDeclaredV1 {
  /** Id of the declaration (UUIDv7). */
  @IsIdentifier()
  closureId: string;

  /** First closed day (merchant-local date, `YYYY-MM-DD`). */
  @IsLocalDate()
  startsOn: string;

  /** Last closed day (inclusive). */
  @IsLocalDate()
  endsOn: string;

  /** Why, in one word: spring_festival | holiday | renovation | illness | relocation | other. */
  @IsIn(CLOSURE_REASONS)
  reason: ClosureReason;

  /** Free text from ops or the merchant. */
  @IsOptional()
  @IsText(1, 500)
  note?: string;

  /** When it was declared (UTC). */
  @IsUtcInstant()
  declaredAt: string;
}

/** A terminal was assigned to the merchant (terminal status becomes `assigned`). */
export class TerminalAssignedV1 {
  /** Terminal id, as it appears in raw transactions. */
  @IsIdentifier()
  terminalId: string;

  /** Manufacturer serial number. */
  @IsIdentifier()
  serialNumber: string;

  /** Device model, e.g. `PAX A920`. */
  @IsText(1, 100)
  model: string;

  /** Status after the assignment (normally `assigned`). */
  @IsIn(TERMINAL_STATUSES)
  status: TerminalStatus;

  /** Where the terminal is installed (store address, no personal data). */
  @IsOptional()
  @IsText(1, 300)
  address?: string;

  /** When the terminal was assigned (UTC). */
  @IsUtcInstant()
  assignedAt: string;
}

/** A terminal changed state: inventory | assigned | active | faulty | retired. */
export class TerminalStatusChangedV1 {
  /** Terminal id, as it appears in raw transactions. */
  @IsIdentifier()
  terminalId: string;

  /** Status before the change. */
  @IsIn(TERMINAL_STATUSES)
  from: TerminalStatus;

  /** Status after the change. */
  @IsIn(TERMINAL_STATUSES)
  to: TerminalStatus;

  /** Why, for humans: e.g. `replaced after ticket T-123`. */
  @IsOptional()
  @IsText(1, 500)
  reason?: string;

  /** When the status changed (UTC). */
  @IsUtcInstant()
  changedAt: string;
}
