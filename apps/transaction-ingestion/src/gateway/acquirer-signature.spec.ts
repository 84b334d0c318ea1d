import { parseAcquirerSecrets, signBody, verifySignature } from './acquirer-signature';

describe('verifySignature', () => {
  const body = Buffer.from('{"transactions":[]}');
  const now = 1_800_000_000_000;
  const ts = String(now / 1000);

  it('should accept a signature made with either active secret when the timestamp is fresh', () => {
    for (const secret of ['new-secret-0000000', 'old-secret-0000000']) {
      const result = verifySignature({
        secrets: ['new-secret-0000000', 'old-secret-0000000'],
        timestamp: ts,
        signature: signBody(secret, ts, body),
        rawBody: body,
        nowMs: now,
      });
      expect(result.ok).toBe(true);
    }
  });

  it('should refuse when the body, the secret or the timestamp tolerance is wrong', () => {
    const good = signBody('new-secret-0000000', ts, body);
    const check = (over: Partial<Parameters<typeof verifySignature>[0]>) =>
      verifySignature({
        secrets: ['new-secret-0000000'],
        timestamp: ts,
        signature: good,
        rawBody: body,
        nowMs: now,
        ...over,
      }).ok;
    expect(check({ rawBody: Buffer.from('{"transactions":[1]}') })).toBe(false);
    expect(check({ secrets: ['other-secret-00000'] })).toBe(false);
    expect(check({ nowMs: now + 301_000 })).toBe(false);
    expect(check({ secrets: [] })).toBe(false);
  });
});

describe('parseAcquirerSecrets', () => {
  it('should refuse more than two secrets when an acquirer lists three', () => {
    expect(() =>
      parseAcquirerSecrets('{"a":["1234567890123456","1234567890123457","1234567890123458"]}'),
    ).toThrow(/one or two/);
  });
});
