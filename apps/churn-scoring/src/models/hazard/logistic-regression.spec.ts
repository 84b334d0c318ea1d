import { seededRandom } from '@merchant-pulse/bgnbd';
import { fitLogistic, sigmoid, solveSpd } from './logistic-regression';

describe(fitLogistic.name, () => {
  it('should solve a symmetric positive-definite system and refuse an indefinite one', () => {
    expect(
      solveSpd(
        [
          [4, 2],
          [2, 3],
        ],
        [2, 1],
      )!.map((v) => Number(v.toFixed(6))),
    ).toEqual([0.5, 0]);
    expect(
      solveSpd(
        [
          [1, 2],
          [2, 1],
        ],
        [1, 1],
      ),
    ).toBeNull();
  });

  it('should recover the generating coefficients from 20,000 simulated rows', () => {
    const random = seededRandom(7);
    const rows: number[][] = [];
    const y: boolean[] = [];
    for (let i = 0; i < 20_000; i++) {
      const x = [random() * 4 - 2, random() * 4 - 2];
      rows.push(x);
      y.push(random() < sigmoid(-1 + 1.5 * x[0] - 0.8 * x[1]));
    }
    const fit = fitLogistic(rows, y, { lambda: 1e-6 });
    expect(fit.converged).toBe(true);
    expect(fit.intercept).toBeCloseTo(-1, 1);
    expect(fit.coefficients[0]).toBeCloseTo(1.5, 1);
    expect(fit.coefficients[1]).toBeCloseTo(-0.8, 1);
  });

  it('should keep coefficients finite under perfect separation thanks to the L2 penalty, and shrink them as lambda grows', () => {
    const rows = [[-2], [-1], [1], [2]];
    const y = [false, false, true, true];
    const weak = fitLogistic(rows, y, { lambda: 0.1 });
    const strong = fitLogistic(rows, y, { lambda: 10 });
    expect(weak.converged).toBe(true);
    expect(Number.isFinite(weak.coefficients[0])).toBe(true);
    expect(strong.coefficients[0]).toBeLessThan(weak.coefficients[0]);
    expect(strong.coefficients[0]).toBeGreaterThan(0);
  });
});
