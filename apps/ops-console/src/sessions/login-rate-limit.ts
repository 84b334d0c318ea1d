/** One counter of failed sign-ins in its fixed window. */
export interface FailureCounter {
  /** Failures counted in the current window (including the attempt being judged). */
  count: number;
  /** Milliseconds until the window ends (and the counter with it); -1/-2 when Redis reports none. */
  ttlMs: number;
}

/** The outcome of {@link judgeSignInAttempt}. */
export type SignInLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Whether a sign-in attempt may proceed given the attempt counters per username and per client IP
 * (each already incremented for this attempt) and their maxima. Blocked when either exceeds its
 * maximum; `Retry-After` is the longest wait among the exceeded windows, in whole seconds, at least 1.
 */
export function judgeSignInAttempt(
  counters: { username: FailureCounter; ip: FailureCounter },
  limits: { perUsername: number; perIp: number; windowSeconds: number },
): SignInLimitDecision {
  const exceeded = [
    counters.username.count > limits.perUsername ? counters.username : undefined,
    counters.ip.count > limits.perIp ? counters.ip : undefined,
  ].filter((c): c is FailureCounter => c !== undefined);
  if (exceeded.length === 0) return { allowed: true };
  const waitMs = Math.max(...exceeded.map((c) => (c.ttlMs > 0 ? c.ttlMs : limits.windowSeconds * 1000)));
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
}
