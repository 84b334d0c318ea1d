/**
 * BG/NBD parameters (Fader, Hardie & Lee 2005). All strictly positive.
 * Transaction rate λ ~ Gamma(shape r, rate α); dropout probability p ~ Beta(a, b).
 * α is in the same time unit as t_x and T (CDNOW: weeks).
 */
export interface BgNbdParams {
  /** Shape of the gamma mixing distribution of the purchase rate. */
  readonly r: number;
  /** Rate (inverse scale) of the gamma mixing distribution, in the data's time unit. */
  readonly alpha: number;
  /** First shape parameter of the beta dropout distribution. */
  readonly a: number;
  /** Second shape parameter of the beta dropout distribution. */
  readonly b: number;
}

/**
 * One customer's calibration-period history, the model's sufficient statistics.
 * Time is measured from the customer's own first purchase.
 */
export interface CustomerHistory {
  /** Number of repeat transactions x (the first purchase is not counted). Integer ≥ 0. */
  readonly x: number;
  /** Recency t_x: time of the last repeat transaction; 0 when x = 0. 0 ≤ t_x ≤ T. */
  readonly tx: number;
  /** Age T: time from the first purchase to the end of the calibration period. */
  readonly T: number;
}

/** A customer history with its identifier, as read from a summary file or built from a log. */
export interface CustomerSummary extends CustomerHistory {
  /** Customer identifier as it appears in the source data. */
  readonly id: string;
}

/** Throws a RangeError naming the first parameter that is not a finite positive number. */
export function assertValidParams(params: BgNbdParams): void {
  for (const key of ['r', 'alpha', 'a', 'b'] as const) {
    const value = params[key];
    if (!Number.isFinite(value) || value <= 0) {
      throw new RangeError(`BG/NBD parameter ${key} must be a finite positive number, got ${value}`);
    }
  }
}

/** Throws a RangeError when a history is not a valid (x, t_x, T) triple. */
export function assertValidHistory(history: CustomerHistory): void {
  const { x, tx, T } = history;
  if (!Number.isInteger(x) || x < 0) throw new RangeError(`x must be a non-negative integer, got ${x}`);
  if (!Number.isFinite(T) || T < 0) throw new RangeError(`T must be a finite number ≥ 0, got ${T}`);
  if (!Number.isFinite(tx) || tx < 0 || tx > T) throw new RangeError(`t_x must be in [0, T], got ${tx}`);
  if (x === 0 && tx !== 0) throw new RangeError(`t_x must be 0 when x = 0, got ${tx}`);
}
