import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Single-use satisfaction survey links, the same shape as the tickets' CSAT links:
 * `<surveyId>.<expiresEpochSeconds>.<HMAC-SHA256(secret, "care.<surveyId>.<expires>")>` (base64url).
 * The signature proves the link is ours and unaltered; single use is the survey row (answered once);
 * expiry is the signed instant. The `care.` domain keeps a ticket token from verifying here.
 */
export class CareSurveyTokenSigner {
  constructor(private readonly secret: string) {}

  sign(surveyId: string, expiresAt: Date): string {
    const expires = Math.floor(expiresAt.getTime() / 1000);
    return `${surveyId}.${expires}.${this.mac(surveyId, expires)}`;
  }

  /** The survey id and expiry of a genuine token, or null for a malformed or forged one (never throws). */
  verify(token: string): { surveyId: string; expiresAt: Date } | null {
    const match = /^([0-9a-f-]{36})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (!match) return null;
    const [, surveyId, expires, signature] = match;
    const expected = Buffer.from(this.mac(surveyId, Number(expires)));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    return { surveyId, expiresAt: new Date(Number(expires) * 1000) };
  }

  private mac(surveyId: string, expires: number): string {
    return createHmac('sha256', this.secret).update(`care.${surveyId}.${expires}`).digest('base64url');
  }
}
