import { contactConsentOf, deriveConsent } from './consent.derivation';

describe('deriveConsent', () => {
  const at = new Date('2026-03-01T00:00:00Z');
  it('should let the latest ledger entry win per channel and purpose when consent is withdrawn', () => {
    const state = deriveConsent([
      { channel: 'sms', purpose: 'marketing', granted: true, source: 'form', actor: 'a', recordedAt: at },
      { channel: 'email', purpose: 'marketing', granted: true, source: 'form', actor: 'a', recordedAt: at },
      {
        channel: 'sms',
        purpose: 'marketing',
        granted: false,
        source: 'sms_reply_stop',
        actor: 'm',
        recordedAt: at,
      },
    ]);
    expect(state.sms).toEqual({ service: false, marketing: false });
    expect(contactConsentOf(state)).toEqual({ sms: false, email: true, phoneTask: false });
  });
});
