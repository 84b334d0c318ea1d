import { emptyConsent } from '../contacts/consent.derivation';
import { bankCardFixture, creditCodeFixture, residentIdFixture } from '../identity/identity.fixtures';
import { developmentKeyRing, PiiBlindIndex, PiiCipher, PiiSealer } from '../pii';
import { BusinessRuleError } from '../shared/domain.errors';
import { applicationPatch } from './merchant-application.patch';
import { buildMerchantRecord } from './merchant.factory';

const ring = developmentKeyRing();
const sealer = new PiiSealer(new PiiCipher(ring), new PiiBlindIndex(ring));
const card = bankCardFixture();
const merchant = (kind: 'individual' | 'business') =>
  buildMerchantRecord(
    sealer,
    {
      kind,
      legalName: 'Shop',
      category: 'retail',
      city: 'Hangzhou',
      region: 'East',
      contact: { name: 'Wang', phone: '13812345678' },
      idNumber: residentIdFixture(),
      settlementCard: { number: card },
      actor: 'test',
    },
    'M1',
    emptyConsent(),
    new Date('2026-03-01T00:00:00Z'),
  );

describe(applicationPatch.name, () => {
  it('should report nothing changed when every given value equals the stored one', () => {
    const result = applicationPatch(
      merchant('individual'),
      { city: 'Hangzhou', contact: { name: 'Wang', phone: '13812345678' }, settlementCard: { number: card } },
      sealer,
    );
    expect(result).toEqual({ patch: {}, changed: [], profileChanged: [] });
  });

  it('should seal a new phone and name the field without its value when the contact changes', () => {
    const result = applicationPatch(
      merchant('individual'),
      { contact: { name: 'Wang', phone: '13987654321' } },
      sealer,
    );
    expect(result.changed).toEqual(['contact']);
    expect(result.patch.phoneMasked).toBe('139****4321');
    expect(sealer.open(result.patch.phoneEnc!)).toBe('13987654321');
    expect(JSON.stringify(result.changed)).not.toContain('13987654321');
  });

  it('should list shared profile fields (with the MCC of a new category) for MerchantUpdated', () => {
    const result = applicationPatch(
      merchant('individual'),
      { category: 'restaurant', city: 'Ningbo' },
      sealer,
    );
    expect(result.profileChanged).toEqual(['mcc', 'city']);
    expect(result.patch.mcc).toBe('5812');
  });

  it('should refuse business-only fields with the field named when the merchant is an individual', () => {
    expect(() =>
      applicationPatch(merchant('individual'), { creditCode: creditCodeFixture() }, sealer),
    ).toThrow(new BusinessRuleError('business_only_field', 'creditCode is only for business merchants'));
    expect(applicationPatch(merchant('business'), { terminalAddress: 'A' }, sealer).changed).toEqual([
      'terminalAddress',
    ]);
  });
});
