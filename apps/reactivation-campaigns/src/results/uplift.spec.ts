import { upliftInterval, wilsonInterval } from './uplift';

// Reference values: Newcombe (1998), Statistics in Medicine 17:873–890, Table II, method 10 (hybrid score),
// checked by hand from the Wilson limits.
describe(upliftInterval.name, () => {
  it.each([
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
  ])('should match Newcombe’s hybrid score interval when %i/%i vs %i/%i', (x1, n1, x2, n2, lower, upper) => {
    const u = upliftInterval({ converted: x1, enrolled: n1 }, { converted: x2, enrolled: n2 });
    expect(u.difference).toBeCloseTo(x1 / n1 - x2 / n2, 12);
    expect(u.lower).toBeCloseTo(lower, 4);
    expect(u.upper).toBeCloseTo(upper, 4);
    expect(u.method).toBe('newcombe-hybrid-score');
  });

  it('should return no difference when an arm is empty', () => {
    const u = upliftInterval({ converted: 3, enrolled: 10 }, { converted: 0, enrolled: 0 });
    expect(u).toMatchObject({
      treatmentRate: 0.3,
      holdoutRate: null,
      difference: null,
      lower: null,
      upper: null,
    });
  });
});

describe(wilsonInterval.name, () => {
  it('should give the Wilson score limits when 56 of 70 succeed', () => {
    const w = wilsonInterval(56, 70);
    expect(w.lower).toBeCloseTo(0.6918, 4);
    expect(w.upper).toBeCloseTo(0.877, 4);
  });

  it('should stay inside [0, 1] when every trial succeeds', () => {
    const w = wilsonInterval(20, 20);
    expect(w.upper).toBeLessThanOrEqual(1);
    expect(w.lower).toBeCloseTo(0.8389, 4);
  });
});
