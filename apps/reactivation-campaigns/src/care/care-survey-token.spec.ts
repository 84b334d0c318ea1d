import { CareSurveyTokenSigner } from './care-survey-token';

const ID = '0190f0a1-7b2c-7d3e-8f40-123456789abc';

describe(CareSurveyTokenSigner.name, () => {
  const signer = new CareSurveyTokenSigner('care-secret-of-sixteen');

  it('should verify its own token with the survey id and the expiry to the second', () => {
    const token = signer.sign(ID, new Date('2026-04-15T00:00:00.500Z'));
    expect(signer.verify(token)).toEqual({ surveyId: ID, expiresAt: new Date('2026-04-15T00:00:00.000Z') });
  });

  it('should refuse an altered expiry, another secret, garbage, and never throw', () => {
    const token = signer.sign(ID, new Date('2026-04-15T00:00:00Z'));
    const [id, expires, mac] = token.split('.');
    expect(signer.verify(`${id}.${Number(expires) + 86_400}.${mac}`)).toBeNull();
    expect(new CareSurveyTokenSigner('another-secret-sixteen').verify(token)).toBeNull();
    for (const junk of ['', 'x', '.'.repeat(100), `${token}x`, '\u0000'])
      expect(signer.verify(junk)).toBeNull();
  });
});
