/** 97.5th percentile of the standard normal: two-sided 95 % intervals. */
export const Z_95 = 1.959963984540054;

/** A proportion's interval. */
export interface Interval {
  lower: number;
  upper: number;
}

/**
 * Wilson score interval for x successes in n trials (Wilson 1927): the roots in p of
 * |p̂ − p| = z·√(p(1−p)/n). Stays inside [0, 1] and behaves at 0 and n successes, unlike Wald.
 */
export function wilsonInterval(x: number, n: number, z = Z_95): Interval {
  if (n <= 0) return { lower: 0, upper: 1 };
  const p = x / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const half = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const denom = 1 + z2 / n;
  return { lower: Math.max(0, (centre - half) / denom), upper: Math.min(1, (centre + half) / denom) };
}

/** Uplift = treatment rate − holdout rate, with its 95 % interval. */
export interface Uplift {
  treatmentRate: number | null;
  holdoutRate: number | null;
  /** Difference of proportions p_T − p_H; null when an arm is empty. */
  difference: number | null;
  lower: number | null;
  upper: number | null;
  method: 'newcombe-hybrid-score';
}

/**
 * Uplift as a difference of two independent proportions with Newcombe's hybrid score interval
 * (Newcombe 1998, "Interval estimation for the difference between independent proportions", method 10):
 * with Wilson intervals (l₁, u₁) for p₁ and (l₂, u₂) for p₂,
 *   lower = (p₁ − p₂) − √((p₁ − l₁)² + (u₂ − p₂)²),
 *   upper = (p₁ − p₂) + √((u₁ − p₁)² + (p₂ − l₂)²).
 * Chosen over Wald because conversion rates near 0 and small holdouts (10 %) make Wald's coverage poor.
 * Arms are randomised by legal entity; with chains, merchants of one entity are correlated and the
 * interval is somewhat narrow (it treats merchants as independent).
 */
export function upliftInterval(
  treatment: { converted: number; enrolled: number },
  holdout: { converted: number; enrolled: number },
  z = Z_95,
): Uplift {
  const method = 'newcombe-hybrid-score' as const;
  const p1 = treatment.enrolled > 0 ? treatment.converted / treatment.enrolled : null;
  const p2 = holdout.enrolled > 0 ? holdout.converted / holdout.enrolled : null;
  if (p1 === null || p2 === null)
    return { treatmentRate: p1, holdoutRate: p2, difference: null, lower: null, upper: null, method };
  const w1 = wilsonInterval(treatment.converted, treatment.enrolled, z);
  const w2 = wilsonInterval(holdout.converted, holdout.enrolled, z);
  const d = p1 - p2;
  return {
    treatmentRate: p1,
    holdoutRate: p2,
    difference: d,
    lower: d - Math.sqrt((p1 - w1.lower) ** 2 + (w2.upper - p2) ** 2),
    upper: d + Math.sqrt((w1.upper - p1) ** 2 + (p2 - w2.lower) ** 2),
    method,
  };
}
