import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Single-use survey links: `<surveyId>.<expiresEpochSeconds>.<HMAC-SHA256(secret, "<surveyId>.<expires>")>`
 * (signature base64url). The signature proves the link came from us and was not altered; single use
 * is enforced by the survey row (answered once), expiry by the signed instant.
 */
export class SurveyTokenSigner {
  constructor(private readonly secret: string) {}

  sign(surveyId: string, expiresAt: Date): string {
    const expires = Math.floor(expiresAt.getTime() / 1000);
    return `${surveyId}.${expires}.${this.mac(`${surveyId}.${expires}`)}`;
  }

  /** The survey id and expiry of a genuine token, or null for a malformed or forged one. */
  verify(token: string): { surveyId: string; expiresAt: Date } | null {
    const match = /^([0-9a-f-]{36})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (!match) return null;
    const [, surveyId, expires, signature] = match;
    const expected = Buffer.from(this.mac(`${surveyId}.${expires}`));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    return { surveyId, expiresAt: new Date(Number(expires) * 1000) };
  }

  private mac(text: string): string {
    return createHmac('sha256', this.secret).update(text).digest('base64url');
  }
}
