import { customerLogLikelihood, logSumExp, totalLogLikelihood } from './bgnbd.likelihood';
import { BgNbdObjective } from './bgnbd.objective';
import { BgNbdParams, CustomerHistory } from './bgnbd.types';

const PARAMS: BgNbdParams = { r: 0.242595, alpha: 4.413602, a: 0.792922, b: 2.425907 };

/** FHL 2005 eq. 6 evaluated literally with Γ by products (valid for small integer x only). */
function naiveLikelihood({ r, alpha, a, b }: BgNbdParams, { x, tx, T }: CustomerHistory): number {
  let gammaRatio = 1; // Γ(r+x)/Γ(r)
  let betaRatio = 1; // B(a, b+x)/B(a, b) = Π (b+i)/(a+b+i)
  for (let i = 0; i < x; i++) {
    gammaRatio *= r + i;
    betaRatio *= (b + i) / (a + b + i);
  }
  const common = gammaRatio * Math.pow(alpha, r) * betaRatio;
  const aliveTerm = common / Math.pow(alpha + T, r + x);
  const deadTerm = x > 0 ? (common * a) / (b + x - 1) / Math.pow(alpha + tx, r + x) : 0;
  return aliveTerm + deadTerm;
}

const HISTORIES: CustomerHistory[] = [
  { x: 0, tx: 0, T: 38.86 },
  { x: 2, tx: 30.43, T: 38.86 },
  { x: 1, tx: 1.71, T: 38.86 },
  { x: 5, tx: 20, T: 32 },
  { x: 3, tx: 0, T: 10 },
];

describe(logSumExp.name, () => {
  it('should not overflow or underflow when the arguments are extreme', () => {
    expect(logSumExp(1000, 1000)).toBeCloseTo(1000 + Math.LN2, 12);
    expect(logSumExp(-1000, -1001)).toBeCloseTo(-1000 + Math.log1p(Math.exp(-1)), 12);
    expect(logSumExp(-Infinity, 3)).toBe(3);
  });
});

describe(customerLogLikelihood.name, () => {
  it.each(HISTORIES)('should equal the literal closed form when the history is %p', (history) => {
    expect(customerLogLikelihood(PARAMS, history)).toBeCloseTo(
      Math.log(naiveLikelihood(PARAMS, history)),
      11,
    );
  });

  it('should match the high-precision value when x is large and T is huge (the literal form overflows)', () => {
    const history = { x: 400, tx: 9000, T: 10000 };
    // mpmath, 40 digits
    expect(customerLogLikelihood(PARAMS, history)).toBeCloseTo(-1659.706198895129, 9);
    expect(Number.isFinite(naiveLikelihood(PARAMS, history))).toBe(false);
  });

  it('should stay finite when a or b is close to zero', () => {
    for (const params of [
      { ...PARAMS, a: 1e-9 },
      { ...PARAMS, b: 1e-9 },
      { ...PARAMS, a: 1e-9, b: 1e-9 },
    ]) {
      for (const history of HISTORIES)
        expect(Number.isFinite(customerLogLikelihood(params, history))).toBe(true);
    }
  });
});

describe(BgNbdObjective.name, () => {
  const histories = [...HISTORIES, ...HISTORIES, { x: 7, tx: 33.3, T: 35 }];

  it('should equal the per-customer sum when identical customers are merged', () => {
    const objective = BgNbdObjective.fromHistories(histories);
    expect(objective.rowCount).toBe(HISTORIES.length + 1);
    expect(objective.customerCount).toBe(histories.length);
    expect(objective.logLikelihood(PARAMS)).toBeCloseTo(totalLogLikelihood(PARAMS, histories), 10);
  });

  it('should return the analytic gradient that matches central differences when parameters vary', () => {
    const objective = BgNbdObjective.fromHistories(histories);
    const gradient = new Float64Array(4);
    for (const params of [PARAMS, { r: 2, alpha: 0.5, a: 3, b: 0.2 }]) {
      objective.logLikelihoodWithGradient(params, gradient);
      (['r', 'alpha', 'a', 'b'] as const).forEach((key, i) => {
        const h = 1e-6 * params[key];
        const up = objective.logLikelihood({ ...params, [key]: params[key] + h });
        const down = objective.logLikelihood({ ...params, [key]: params[key] - h });
        expect(gradient[i]).toBeCloseTo((up - down) / (2 * h), 4);
      });
    }
  });

  it('should reject an invalid history when t_x exceeds T', () => {
    expect(() => BgNbdObjective.fromHistories([{ x: 1, tx: 5, T: 4 }])).toThrow(RangeError);
  });
});
