// Draws customers from the BG/BB generative story, reproducibly (seeded PRNG), with what happens next.
import { RandomSource, sampleBeta, seededRandom } from '../bgnbd.simulator';
import { BgBbHistory, BgBbParams } from './bgbb.types';

/** A simulated customer: the observed history, plus the truth after opportunity n. */
export interface SimulatedBgBbCustomer {
  readonly history: BgBbHistory;
  /** Whether the customer is still alive at opportunity n+1. */
  readonly aliveAtNext: boolean;
  /** Transactions in opportunities n+1 … n+n*. */
  readonly futureTransactions: number;
}

/**
 * p ~ Beta(α, β), θ ~ Beta(γ, δ). At the start of each opportunity 1, 2, … an alive customer dies
 * with probability θ; if still alive, transacts with probability p.
 */
export function simulateBgBbCustomer(
  params: BgBbParams,
  n: number,
  nStar: number,
  random: RandomSource,
): SimulatedBgBbCustomer {
  const p = sampleBeta(params.alpha, params.beta, random);
  const theta = sampleBeta(params.gamma, params.delta, random);
  let x = 0;
  let tx = 0;
  let future = 0;
  let alive = true;
  let aliveAtNext = false;
  // One opportunity past n + n* at least, so the death draw at n+1 happens even when n* = 0.
  for (let t = 1; t <= n + Math.max(nStar, 1) && alive; t++) {
    alive = random() >= theta;
    if (t === n + 1) aliveAtNext = alive;
    if (!alive || t > n + nStar || random() >= p) continue;
    if (t > n) {
      future++;
    } else {
      x++;
      tx = t;
    }
  }
  return { history: { x, tx, n }, aliveAtNext, futureTransactions: future };
}

/** `count` customers observed for n opportunities and followed for n* more, from a seeded generator. */
export function simulateBgBb(
  params: BgBbParams,
  count: number,
  n: number,
  nStar: number,
  seed: number,
): SimulatedBgBbCustomer[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => simulateBgBbCustomer(params, n, nStar, random));
}
