/**
 * Accounts of the points ledger. Every journal moves points between a merchant's account and one
 * programme account, so each journal's postings sum to zero (double entry). A merchant's balance is
 * the sum of its account's postings; the programme accounts show where points came from and went.
 */
export const ProgrammeAccounts = {
  /** Points issued for trading (accrual) and referrals. */
  Issued: 'programme:issued',
  /** Points spent on the catalogue (and returned when a redemption is compensated). */
  Redeemed: 'programme:redeemed',
  /** Points that reached the end of their validity. */
  Expired: 'programme:expired',
  /** Manual adjustments by staff (with reason and actor). */
  Adjusted: 'programme:adjusted',
} as const;

export type ProgrammeAccount = (typeof ProgrammeAccounts)[keyof typeof ProgrammeAccounts];

/** The ledger account of one merchant. */
export function merchantAccount(merchantId: string): string {
  return `merchant:${merchantId}`;
}

/** Kinds of journal (the `kind` column). */
export type JournalKind =
  'accrual' | 'redemption' | 'redemption_reversal' | 'expiry' | 'adjustment' | 'referral';

/** The programme account each kind of journal moves points against. */
export const COUNTER_ACCOUNT: Record<JournalKind, ProgrammeAccount> = {
  accrual: ProgrammeAccounts.Issued,
  referral: ProgrammeAccounts.Issued,
  redemption: ProgrammeAccounts.Redeemed,
  redemption_reversal: ProgrammeAccounts.Redeemed,
  expiry: ProgrammeAccounts.Expired,
  adjustment: ProgrammeAccounts.Adjusted,
};

/** One journal to post: `points` is what the MERCHANT's account moves by (negative = debit). */
export interface JournalDraft {
  merchantId: string;
  kind: JournalKind;
  points: number;
  /** Unique per journal: a replayed command posts nothing the second time. */
  idempotencyKey: string;
  activityDate?: string | null;
  ruleId?: string | null;
  ruleVersion?: number | null;
  /** Credits only: the day the lot expires (FIFO). */
  expiresOn?: string | null;
  reason?: string | null;
  actor: string;
  reference?: string | null;
}
