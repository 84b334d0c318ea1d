import { SurveyTokenSigner } from './survey-token';

describe(SurveyTokenSigner.name, () => {
  const id = '0192f1c4-7b9e-7c3a-8d2e-1f0a9b8c7d6e';
  const signer = new SurveyTokenSigner('a-secret-of-at-least-thirty-two-characters!');

  it('should verify its own token and return the survey id and expiry when untouched', () => {
    const expires = new Date('2026-04-25T01:30:00.000Z');
    expect(signer.verify(signer.sign(id, expires))).toEqual({ surveyId: id, expiresAt: expires });
  });

  it('should refuse a token when the expiry or the survey id was altered', () => {
    const token = signer.sign(id, new Date('2026-04-25T01:30:00.000Z'));
    const [sid, exp, mac] = token.split('.');
    expect(signer.verify(`${sid}.${Number(exp) + 86_400}.${mac}`)).toBeNull();
    expect(signer.verify(`${sid.replace(/.$/, 'f')}.${exp}.${mac}`)).toBeNull();
  });

  it('should refuse a token when it was signed with another secret', () => {
    const other = new SurveyTokenSigner('another-secret-of-at-least-thirty-two-chars');
    expect(signer.verify(other.sign(id, new Date('2026-04-25T01:30:00.000Z')))).toBeNull();
  });

  it('should refuse malformed tokens without throwing', () => {
    for (const bad of ['', 'x', `${id}..`, `${id}.1.${'a'.repeat(42)}`, '../../etc/passwd'])
      expect(signer.verify(bad)).toBeNull();
  });
});
