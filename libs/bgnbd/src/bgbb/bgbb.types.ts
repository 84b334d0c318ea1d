/**
 * BG/BB parameters (Fader, Hardie & Shang 2010). All strictly positive.
 * While alive, a customer transacts at each opportunity with probability p ~ Beta(α, β); at the
 * start of each opportunity after the first transaction, an alive customer dies with probability
 * θ ~ Beta(γ, δ).
 */
export interface BgBbParams {
  /** First shape parameter of the beta distribution of the transaction probability p. */
  readonly alpha: number;
  /** Second shape parameter of the beta distribution of p. */
  readonly beta: number;
  /** First shape parameter of the beta distribution of the dropout probability θ. */
  readonly gamma: number;
  /** Second shape parameter of the beta distribution of θ. */
  readonly delta: number;
}

/**
 * One customer's history over n discrete transaction opportunities after the first transaction
 * (which is not counted): the model's sufficient statistics.
 */
export interface BgBbHistory {
  /** Repeat transactions x: opportunities with a transaction. Integer, 0 ≤ x ≤ t_x. */
  readonly x: number;
  /** Recency t_x: the opportunity of the last repeat transaction (1..n); 0 when x = 0. */
  readonly tx: number;
  /** Opportunities observed n (e.g. days since the first active day). Integer ≥ 0. */
  readonly n: number;
}

/** A history shared by `count` customers: one line of a recency/frequency ("RF") table. */
export interface BgBbPattern extends BgBbHistory {
  /** Number of customers with this history. Integer ≥ 1. */
  readonly count: number;
}

function isNonNegativeInteger(value: number): boolean {
  return Number.isInteger(value) && value >= 0;
}

/** Throws a RangeError naming the first parameter that is not a finite positive number. */
export function assertValidBgBbParams(params: BgBbParams): void {
  for (const key of ['alpha', 'beta', 'gamma', 'delta'] as const) {
    const value = params[key];
    if (!Number.isFinite(value) || value <= 0) {
      throw new RangeError(`BG/BB parameter ${key} must be a finite positive number, got ${value}`);
    }
  }
}

/** The reason a history is not a valid (x, t_x, n) triple, or null when it is. */
export function bgBbHistoryProblem(history: BgBbHistory): string | null {
  const { x, tx, n } = history;
  if (!isNonNegativeInteger(n)) return `n must be a non-negative integer, got ${n}`;
  if (!isNonNegativeInteger(x)) return `x must be a non-negative integer, got ${x}`;
  if (!isNonNegativeInteger(tx) || tx > n) return `t_x must be an integer in [0, n], got ${tx}`;
  if (x > tx) return `x must not exceed t_x (one transaction per opportunity), got x=${x}, t_x=${tx}`;
  if (x === 0 && tx !== 0) return `t_x must be 0 when x = 0, got ${tx}`;
  return null;
}

/** Throws a RangeError when a history is not a valid (x, t_x, n) triple. */
export function assertValidBgBbHistory(history: BgBbHistory): void {
  const problem = bgBbHistoryProblem(history);
  if (problem !== null) throw new RangeError(problem);
}
