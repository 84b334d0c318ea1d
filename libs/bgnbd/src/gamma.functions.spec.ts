import { digamma, logBeta, logGamma } from './gamma.functions';

// Reference values from mpmath (30 significant digits).
const LOG_GAMMA_CASES: [number, number][] = [
  [0.5, 0.572364942924700087071713675677],
  [1, 0],
  [1.5, -0.120782237635245222345518445782],
  [2, 0],
  [3, 0.693147180559945309417232121458],
  [10, 12.8018274800814696112077178746],
  [100, 359.13420536957539877604401046],
  [171.5, 709.143163030928242272363904617],
  [1e6, 12815504.569147611659976971785],
  [0.1, 2.2527126517342059020062379569],
  [1e-3, 6.90717888538385366168368145865],
  [1e-8, 18.4206807381802088844527450222],
  [-0.5, 1.26551212348464539648894579713],
  [-2.5, -0.0562437164976740506725945300976],
];

const DIGAMMA_CASES: [number, number][] = [
  [0.5, -1.963510026021423479440976333],
  [1, -0.577215664901532860606512090082],
  [1.5, 0.0364899739785765205590236670012],
  [3, 0.922784335098467139393487909918],
  [10, 2.25175258906672110764745616389],
  [100, 4.60016185273808740019860558558],
  [1e-3, -1000.57557193181027965475671066],
  [0.1, -10.4237549404110762321002953145],
  [-2.5, 1.10315664064524318722569033367],
  [1e6, 13.8155100579641907707746154031],
];

describe(logGamma.name, () => {
  it.each(LOG_GAMMA_CASES)('should match the reference value when x = %p', (x, expected) => {
    expect(Math.abs(logGamma(x) - expected)).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(expected)));
  });

  it('should satisfy ln Γ(x+1) = ln Γ(x) + ln x when x ranges over (0, 50)', () => {
    for (let x = 0.013; x < 50; x += 0.37) {
      expect(logGamma(x + 1) - logGamma(x)).toBeCloseTo(Math.log(x), 12);
    }
  });

  it('should return the log-factorial when x is a positive integer', () => {
    let logFactorial = 0;
    for (let n = 1; n <= 30; n++) {
      expect(logGamma(n + 1)).toBeCloseTo((logFactorial += Math.log(n)), 11);
    }
  });

  it('should return Infinity when x is a pole', () => {
    expect(logGamma(0)).toBe(Infinity);
    expect(logGamma(-3)).toBe(Infinity);
  });
});

describe(digamma.name, () => {
  it.each(DIGAMMA_CASES)('should match the reference value when x = %p', (x, expected) => {
    expect(Math.abs(digamma(x) - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
  });

  it('should agree with a central difference of logGamma when x is moderate', () => {
    for (const x of [0.2, 0.8, 2.4, 7.7, 33]) {
      const h = 1e-5;
      expect(digamma(x)).toBeCloseTo((logGamma(x + h) - logGamma(x - h)) / (2 * h), 6);
    }
  });

  it('should return NaN when x is a pole', () => {
    expect(digamma(0)).toBeNaN();
    expect(digamma(-2)).toBeNaN();
  });
});

describe(logBeta.name, () => {
  it('should equal ln(1/(a·b)) terms of the closed form when a and b are small integers', () => {
    // B(2, 3) = 1!·2!/4! = 1/12
    expect(logBeta(2, 3)).toBeCloseTo(-Math.log(12), 14);
  });
});
