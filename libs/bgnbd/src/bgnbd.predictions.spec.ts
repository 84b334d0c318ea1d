import {
  conditionalExpectedTransactions,
  expectedTransactions,
  probabilityAlive,
  probabilityOfPurchases,
} from './bgnbd.predictions';
import { BgNbdParams, CustomerHistory } from './bgnbd.types';
import { hyp2f1 } from './hypergeometric.functions';

const PARAMS: BgNbdParams = { r: 0.242595, alpha: 4.413602, a: 0.792922, b: 2.425907 };

/** FHL 2005 eq. 9 written literally with the general 2F1 (no Euler transformation). */
function textbookExpected({ r, alpha, a, b }: BgNbdParams, t: number): number {
  const z = t / (alpha + t);
  return ((a + b - 1) / (a - 1)) * (1 - Math.pow(alpha / (alpha + t), r) * hyp2f1(r, b, a + b - 1, z));
}

/** FHL 2005 eq. 10 written literally. */
function textbookConditional(p: BgNbdParams, { x, tx, T }: CustomerHistory, t: number): number {
  const { r, alpha, a, b } = p;
  const z = t / (alpha + T + t);
  const bracket = 1 - Math.pow((alpha + T) / (alpha + T + t), r + x) * hyp2f1(r + x, b + x, a + b + x - 1, z);
  const denominator = 1 + (x > 0 ? (a / (b + x - 1)) * Math.pow((alpha + T) / (alpha + tx), r + x) : 0);
  return (((a + b + x - 1) / (a - 1)) * bracket) / denominator;
}

const PARAM_SETS: BgNbdParams[] = [
  PARAMS,
  { r: 1.3, alpha: 2, a: 3.5, b: 0.8 },
  { r: 0.5, alpha: 10, a: 0.2, b: 5 },
];

describe(expectedTransactions.name, () => {
  it.each(PARAM_SETS)('should equal the literal formula when params are %p', (params) => {
    for (const t of [0.5, 5, 39, 78, 200]) {
      expect(expectedTransactions(params, t)).toBeCloseTo(textbookExpected(params, t), 10);
    }
  });

  it('should return 0 when t = 0 and grow with t', () => {
    expect(expectedTransactions(PARAMS, 0)).toBe(0);
    expect(expectedTransactions(PARAMS, 10)).toBeGreaterThan(expectedTransactions(PARAMS, 5));
  });

  it('should be continuous through the removable singularity when a = 1', () => {
    const atOne = expectedTransactions({ ...PARAMS, a: 1 }, 30);
    expect(Number.isFinite(atOne)).toBe(true);
    expect(expectedTransactions({ ...PARAMS, a: 1 + 1e-9 }, 30)).toBeCloseTo(atOne, 8);
    expect(expectedTransactions({ ...PARAMS, a: 1 - 1e-9 }, 30)).toBeCloseTo(atOne, 8);
    expect(expectedTransactions({ ...PARAMS, a: 1 + 1e-3 }, 30)).toBeCloseTo(
      textbookExpected({ ...PARAMS, a: 1 + 1e-3 }, 30),
      8,
    );
  });

  it('should be finite and continuous when a + b − 1 = 0 (the 2F1 lower parameter vanishes)', () => {
    const params = { r: 0.8, alpha: 3, a: 0.4, b: 0.6 };
    const value = expectedTransactions(params, 20);
    expect(Number.isFinite(value)).toBe(true);
    expect(expectedTransactions({ ...params, b: 0.6 + 1e-9 }, 20)).toBeCloseTo(value, 7);
    expect(expectedTransactions({ ...params, b: 0.65 }, 20)).toBeCloseTo(
      textbookExpected({ ...params, b: 0.65 }, 20),
      9,
    );
  });

  it('should stay finite when a or b is close to zero', () => {
    expect(Number.isFinite(expectedTransactions({ ...PARAMS, a: 1e-8 }, 39))).toBe(true);
    expect(Number.isFinite(expectedTransactions({ ...PARAMS, b: 1e-8 }, 39))).toBe(true);
  });

  it('should throw when t is negative or a parameter is not positive', () => {
    expect(() => expectedTransactions(PARAMS, -1)).toThrow(RangeError);
    expect(() => expectedTransactions({ ...PARAMS, b: 0 }, 1)).toThrow(RangeError);
  });
});

describe(conditionalExpectedTransactions.name, () => {
  const histories: CustomerHistory[] = [
    { x: 2, tx: 30.43, T: 38.86 },
    { x: 0, tx: 0, T: 20 },
    { x: 12, tx: 35, T: 38 },
  ];

  it.each(histories)('should equal the literal formula when the history is %p', (history) => {
    for (const params of PARAM_SETS) {
      expect(conditionalExpectedTransactions(params, history, 39)).toBeCloseTo(
        textbookConditional(params, history, 39),
        9,
      );
    }
  });

  it('should reduce to E[X(t)] when the customer is brand new (x = 0, T = 0)', () => {
    expect(conditionalExpectedTransactions(PARAMS, { x: 0, tx: 0, T: 0 }, 52)).toBeCloseTo(
      expectedTransactions(PARAMS, 52),
      14,
    );
  });

  it('should stay finite when x is so large that the literal formula gives NaN', () => {
    const history = { x: 2000, tx: 60, T: 60 };
    expect(Number.isNaN(textbookConditional(PARAMS, history, 39))).toBe(true);
    // mpmath at 60 digits
    expect(conditionalExpectedTransactions(PARAMS, history, 39)).toBeCloseTo(994.675202105698, 7);
  });

  it('should approach zero without NaN when T is very large and the customer lapsed long ago', () => {
    const value = conditionalExpectedTransactions(PARAMS, { x: 5, tx: 1, T: 1e6 }, 39);
    expect(value).toBeGreaterThanOrEqual(0);
    expect(value).toBeLessThan(1e-6);
  });

  it('should return 0 when t = 0', () => {
    expect(conditionalExpectedTransactions(PARAMS, { x: 3, tx: 10, T: 20 }, 0)).toBe(0);
  });
});

describe(probabilityAlive.name, () => {
  it('should be exactly 1 when x = 0, whatever T', () => {
    expect(probabilityAlive(PARAMS, { x: 0, tx: 0, T: 1e6 })).toBe(1);
  });

  it('should fall as the time since the last purchase grows', () => {
    const recent = probabilityAlive(PARAMS, { x: 3, tx: 30, T: 31 });
    const lapsed = probabilityAlive(PARAMS, { x: 3, tx: 5, T: 31 });
    expect(recent).toBeGreaterThan(lapsed);
    expect(lapsed).toBeGreaterThan(0);
  });

  it('should equal 1/(1 + a/(b+x−1)) when the last purchase is at T', () => {
    expect(probabilityAlive(PARAMS, { x: 4, tx: 20, T: 20 })).toBeCloseTo(
      1 / (1 + PARAMS.a / (PARAMS.b + 3)),
      14,
    );
  });

  it('should underflow gracefully to a tiny positive number when T is huge', () => {
    const value = probabilityAlive(PARAMS, { x: 50, tx: 1, T: 1e5 });
    expect(value).toBeGreaterThanOrEqual(0);
    expect(value).toBeLessThan(1e-100);
  });

  it('should stay in [0, 1] when a or b is close to zero', () => {
    for (const params of [
      { ...PARAMS, a: 1e-10 },
      { ...PARAMS, b: 1e-10 },
    ]) {
      const value = probabilityAlive(params, { x: 1, tx: 2, T: 30 });
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(1);
    }
  });
});

describe(probabilityOfPurchases.name, () => {
  it.each([1, 39, 78])('should sum to 1 and have mean E[X(t)] when t = %p', (t) => {
    let total = 0;
    let mean = 0;
    for (let k = 0; k < 1500; k++) {
      const p = probabilityOfPurchases(PARAMS, t, k);
      total += p;
      mean += k * p;
    }
    expect(total).toBeCloseTo(1, 8);
    expect(mean).toBeCloseTo(expectedTransactions(PARAMS, t), 3);
  });

  it('should put all mass on 0 when t = 0', () => {
    expect(probabilityOfPurchases(PARAMS, 0, 0)).toBe(1);
    expect(probabilityOfPurchases(PARAMS, 0, 3)).toBe(0);
  });

  it('should keep relative accuracy when the probability is tiny', () => {
    const value = probabilityOfPurchases({ r: 2, alpha: 10, a: 1, b: 3 }, 0.5, 40);
    expect(value).toBeGreaterThan(0);
    expect(value).toBeLessThan(1e-30);
  });

  it('should throw when k is not a non-negative integer', () => {
    expect(() => probabilityOfPurchases(PARAMS, 1, 1.5)).toThrow(RangeError);
    expect(() => probabilityOfPurchases(PARAMS, 1, -1)).toThrow(RangeError);
  });
});
