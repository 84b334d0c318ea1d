import { hyp2f1 } from './hypergeometric.functions';

// Reference values from mpmath.hyp2f1 (30 significant digits).
const REFERENCE_CASES: [number, number, number, number, number][] = [
  [0.242595, 2.425907, 2.218829, 0.9465, 2.38771298392899890255582857355],
  [1.5, 2.5, 0.3, -3.0, -0.104709436502938927535510550626],
  [0.3, 0.7, 1.9, 0.999, 1.25017541773486818448517353109],
  [2.2, -1.3, 0.5, 0.6, -1.50657022573365458514903327783],
  [1, 1, 2, -1, 0.693147180559945309417232121458],
  [0.5, 0.5, 1.5, 0.25, 1.04719755119659774615421446109],
  [0.2, 0.3, -0.5, 0.5, 0.838422972842024433909643533378],
  [1.2, 2.7, 3.1, -20, 0.0329155089315924129702536903229],
  [3, 4, 10, 1, 8.4],
];

describe(hyp2f1.name, () => {
  it.each(REFERENCE_CASES)(
    'should match mpmath when (a,b,c,z) = (%p, %p, %p, %p)',
    (a, b, c, z, expected) => {
      expect(Math.abs(hyp2f1(a, b, c, z) - expected)).toBeLessThanOrEqual(1e-12 * Math.abs(expected));
    },
  );

  it('should equal −ln(1−z)/z when (a,b,c) = (1,1,2)', () => {
    for (const z of [-5, -1, -0.3, 0.2, 0.7, 0.95]) {
      expect(hyp2f1(1, 1, 2, z)).toBeCloseTo(-Math.log1p(-z) / z, 13);
    }
  });

  it('should equal (1−z)^(−a) when b = c', () => {
    for (const z of [-3, -0.5, 0.4, 0.9]) {
      expect(hyp2f1(0.7, 2.3, 2.3, z)).toBeCloseTo(Math.pow(1 - z, -0.7), 12);
    }
  });

  it('should equal arcsin(√z)/√z when (a,b,c) = (½,½,3/2)', () => {
    for (const z of [0.01, 0.5, 0.81]) {
      expect(hyp2f1(0.5, 0.5, 1.5, z)).toBeCloseTo(Math.asin(Math.sqrt(z)) / Math.sqrt(z), 13);
    }
  });

  it('should return the polynomial when a is a negative integer', () => {
    // 2F1(−2, b; c; z) = 1 − 2bz/c + b(b+1)z²/(c(c+1))
    const [b, c, z] = [1.5, 2.5, -4];
    expect(hyp2f1(-2, b, c, z)).toBeCloseTo(1 - (2 * b * z) / c + (b * (b + 1) * z * z) / (c * (c + 1)), 12);
  });

  it('should return 1 when z = 0', () => {
    expect(hyp2f1(3, 4, 5, 0)).toBe(1);
  });

  it('should throw when z > 1 or c is a non-positive integer or the series diverges at z = 1', () => {
    expect(() => hyp2f1(1, 1, 2, 1.5)).toThrow(RangeError);
    expect(() => hyp2f1(1, 1, -2, 0.5)).toThrow(RangeError);
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow(RangeError);
  });
});
