// Draws synthetic customer histories from the BG/NBD generative story, reproducibly (seeded PRNG).
import { BgNbdParams, CustomerHistory } from './bgnbd.types';

/** A uniform [0, 1) generator. */
export type RandomSource = () => number;

/** Mulberry32: a small, fast, seedable 32-bit PRNG. Same seed → same sequence on every platform. */
export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function standardNormal(random: RandomSource): number {
  const u = 1 - random(); // (0, 1], so the log is finite
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Gamma(shape, scale 1) by Marsaglia & Tsang; shape < 1 through the U^(1/shape) boost. */
export function sampleGamma(shape: number, random: RandomSource): number {
  if (shape < 1) return sampleGamma(shape + 1, random) * Math.pow(1 - random(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = standardNormal(random);
    const v = (1 + c * z) ** 3;
    if (v <= 0) continue;
    const u = 1 - random();
    if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** Beta(a, b) as G₁/(G₁+G₂) with independent gamma draws. */
export function sampleBeta(a: number, b: number, random: RandomSource): number {
  const g1 = sampleGamma(a, random);
  const g2 = sampleGamma(b, random);
  return g1 / (g1 + g2);
}

/**
 * One customer observed for T time units after the first purchase: λ ~ Gamma(r, rate α),
 * p ~ Beta(a, b); purchases follow a Poisson(λ) process and after each repeat purchase the
 * customer drops out with probability p (never right after the first purchase).
 */
export function simulateCustomer(params: BgNbdParams, T: number, random: RandomSource): CustomerHistory {
  const lambda = sampleGamma(params.r, random) / params.alpha;
  const p = sampleBeta(params.a, params.b, random);
  let x = 0;
  let tx = 0;
  let time = 0;
  for (;;) {
    time += -Math.log(1 - random()) / lambda;
    if (time > T) break;
    x++;
    tx = time;
    if (random() < p) break;
  }
  return { x, tx, T };
}

/** `count` customers with ages T drawn by `ageOf(i)`, from a seeded generator. */
export function simulateBgNbd(
  params: BgNbdParams,
  count: number,
  ageOf: (index: number, random: RandomSource) => number,
  seed: number,
): CustomerHistory[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => simulateCustomer(params, ageOf(i, random), random));
}
