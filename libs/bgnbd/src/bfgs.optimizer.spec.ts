import { minimiseBfgs, ObjectiveWithGradient } from './bfgs.optimizer';

const rosenbrock: ObjectiveWithGradient = (x, g) => {
  const [a, b] = [x[0], x[1]];
  g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
  g[1] = 200 * (b - a * a);
  return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
};

describe(minimiseBfgs.name, () => {
  it('should find the Rosenbrock minimum when started at the classic point (−1.2, 1)', () => {
    const result = minimiseBfgs(rosenbrock, [-1.2, 1]);
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 6);
    expect(result.x[1]).toBeCloseTo(1, 6);
    expect(result.iterations).toBeLessThan(100);
  });

  it('should minimise an ill-conditioned quadratic when the dimension is 4', () => {
    const scales = [1, 10, 100, 1000];
    const f: ObjectiveWithGradient = (x, g) => {
      let sum = 0;
      for (let i = 0; i < 4; i++) {
        g[i] = scales[i] * (x[i] - i);
        sum += 0.5 * scales[i] * (x[i] - i) ** 2;
      }
      return sum;
    };
    const result = minimiseBfgs(f, [5, 5, 5, 5]);
    expect(result.converged).toBe(true);
    Array.from(result.x).forEach((value, i) => expect(value).toBeCloseTo(i, 6));
  });

  it('should stop unconverged when the iteration cap is reached', () => {
    const result = minimiseBfgs(rosenbrock, [-1.2, 1], { maxIterations: 3 });
    expect(result.converged).toBe(false);
    expect(result.iterations).toBe(3);
  });

  it('should back off when the objective is not finite beyond a boundary', () => {
    // f = x − ln(x) has its minimum at x = 1 and is undefined for x ≤ 0.
    const f: ObjectiveWithGradient = (x, g) => {
      g[0] = 1 - 1 / x[0];
      return x[0] > 0 ? x[0] - Math.log(x[0]) : NaN;
    };
    const result = minimiseBfgs(f, [0.05]);
    expect(result.x[0]).toBeCloseTo(1, 6);
  });

  it('should throw when the objective is not finite at the start', () => {
    expect(() => minimiseBfgs(() => NaN, [0])).toThrow(RangeError);
  });
});
