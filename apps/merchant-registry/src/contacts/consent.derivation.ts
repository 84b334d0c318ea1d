import type { ContactConsentV1 } from '@merchant-pulse/contracts';
import { CONSENT_PURPOSES, CONTACT_CHANNELS } from '../merchants/merchant.vocabulary';
import type { ConsentPurpose, ContactChannel } from '../merchants/merchant.vocabulary';

/** Current consent: channel → purpose → granted. Derived from the ledger, never edited directly. */
export type ConsentState = Record<ContactChannel, Record<ConsentPurpose, boolean>>;

/** One ledger entry: who/what granted or withdrew which consent, when, from which source. */
export interface ConsentLedgerEntry {
  channel: ContactChannel;
  purpose: ConsentPurpose;
  granted: boolean;
  /** Where the decision came from, e.g. `onboarding_form`, `sms_reply_stop`, `ops_console`. */
  source: string;
  /** Who recorded it: an API key id, ops user id or `merchant`. */
  actor: string;
  recordedAt: Date;
}

/** No consent for anything: the state before any ledger entry (PIPL: no consent, no contact). */
export function emptyConsent(): ConsentState {
  return Object.fromEntries(
    CONTACT_CHANNELS.map((channel) => [
      channel,
      Object.fromEntries(CONSENT_PURPOSES.map((purpose) => [purpose, false])),
    ]),
  ) as ConsentState;
}

/** Current consent from the ledger: per (channel, purpose) the latest entry wins (entries in recorded order). */
export function deriveConsent(ledger: readonly ConsentLedgerEntry[]): ConsentState {
  const state = emptyConsent();
  for (const entry of ledger) state[entry.channel][entry.purpose] = entry.granted;
  return state;
}

/** The outreach consent other services see in events: marketing consent per outreach channel. */
export function contactConsentOf(state: ConsentState): ContactConsentV1 {
  return { sms: state.sms.marketing, email: state.email.marketing, phoneTask: state.phone.marketing };
}
