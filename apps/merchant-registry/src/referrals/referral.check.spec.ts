import { bankCardFixture, residentIdFixture } from '../identity/identity.fixtures';
import { developmentKeyRing, PiiBlindIndex, PiiCipher, PiiSealer } from '../pii';
import { samePartyAsReferrer } from './referral.check';

const ring = developmentKeyRing();
const sealer = new PiiSealer(new PiiCipher(ring), new PiiBlindIndex(ring));
const referrerId = residentIdFixture('330106', '19880512', '501');
const referrerCard = bankCardFixture('622202100112300001');
const referrer = {
  idNumberIndex: sealer.seal('id_number', referrerId).index!,
  cardEnc: sealer.seal('card', referrerCard).enc,
};

describe(samePartyAsReferrer.name, () => {
  it('should match when the legal representative ID is the referrer’s, whatever the case', () => {
    const lower = referrerId.toLowerCase();
    expect(
      samePartyAsReferrer(sealer, referrer, {
        idNumber: lower,
        settlementCardNumber: bankCardFixture('622202100112300002'),
      }),
    ).toBe(true);
  });

  it('should match when the settlement card is the referrer’s, spaces aside', () => {
    const spaced = referrerCard.replace(/(\d{4})/g, '$1 ');
    expect(
      samePartyAsReferrer(sealer, referrer, {
        idNumber: residentIdFixture('330106', '19900101', '502'),
        settlementCardNumber: spaced,
      }),
    ).toBe(true);
  });

  it('should not match when both differ', () => {
    expect(
      samePartyAsReferrer(sealer, referrer, {
        idNumber: residentIdFixture('330106', '19900101', '502'),
        settlementCardNumber: bankCardFixture('622202100112300002'),
      }),
    ).toBe(false);
  });
});
