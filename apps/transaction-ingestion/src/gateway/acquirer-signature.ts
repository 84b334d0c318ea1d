import { createHmac, timingSafeEqual } from 'node:crypto';

/** Signature headers of the REST batch API. */
export const SignatureHeaders = {
  /** Unix seconds when the request was signed. */
  Timestamp: 'x-pulse-timestamp',
  /** `v1=<hex HMAC-SHA256(secret, timestamp + "." + rawBody)>`; several comma-separated values allowed. */
  Signature: 'x-pulse-signature',
} as const;

/** How far the signing time may be from the Clock's now. */
export const SIGNATURE_TOLERANCE_MS = 5 * 60_000;

export type SignatureCheck = { ok: true; signature: string } | { ok: false; problem: string };

/** `v1=<hex>` for a body signed at `timestamp` with `secret` (what acquirers compute). */
export function signBody(secret: string, timestamp: string, rawBody: Buffer | string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex')}`;
}

/**
 * Verifies the HMAC over the exact raw bytes against every active secret of the acquirer (two during
 * a rotation), in constant time, and the timestamp against the tolerance. Returns the matching
 * signature (for replay detection) or why it failed.
 */
export function verifySignature(input: {
  secrets: readonly string[];
  timestamp: string | undefined;
  signature: string | undefined;
  rawBody: Buffer | undefined;
  nowMs: number;
}): SignatureCheck {
  const { secrets, timestamp, signature, rawBody, nowMs } = input;
  if (secrets.length === 0) return { ok: false, problem: 'unknown acquirer' };
  if (!timestamp || !/^\d{1,12}$/.test(timestamp))
    return { ok: false, problem: 'missing or malformed timestamp' };
  if (Math.abs(nowMs - Number(timestamp) * 1000) > SIGNATURE_TOLERANCE_MS)
    return { ok: false, problem: 'timestamp outside the 5-minute tolerance' };
  if (!signature || !rawBody) return { ok: false, problem: 'missing signature' };
  const offered = signature
    .split(',')
    .map((s) => s.trim())
    .filter((s) => /^v1=[0-9a-f]{64}$/.test(s));
  for (const secret of secrets) {
    const expected = Buffer.from(signBody(secret, timestamp, rawBody));
    for (const candidate of offered) {
      const given = Buffer.from(candidate);
      if (given.length === expected.length && timingSafeEqual(given, expected))
        return { ok: true, signature: candidate };
    }
  }
  return { ok: false, problem: 'signature does not match' };
}

/** Parses `ACQUIRER_SECRETS` (`{ "acq-1": ["new", "old"] }`). @throws Error when malformed. */
export function parseAcquirerSecrets(json: string): Map<string, string[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new Error('ACQUIRER_SECRETS is not valid JSON: expected { "acq-1": ["secret"] }');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new Error('ACQUIRER_SECRETS must be a JSON object');
  const map = new Map<string, string[]>();
  for (const [acquirer, secrets] of Object.entries(parsed)) {
    if (
      !Array.isArray(secrets) ||
      secrets.length === 0 ||
      secrets.length > 2 ||
      !secrets.every((s) => typeof s === 'string' && s.length >= 16)
    )
      throw new Error(
        `ACQUIRER_SECRETS["${acquirer}"] must list one or two secrets of at least 16 characters`,
      );
    map.set(acquirer, secrets as string[]);
  }
  return map;
}
