import { auc, calibration, topDecile } from './backtest.metrics';

describe('backtest metrics', () => {
  it('should compute AUC 1 for a perfect ranking, 0.5 for all ties and average ranks for partial ties', () => {
    expect(auc([0.9, 0.8, 0.1, 0.2], [true, true, false, false])).toBe(1);
    expect(auc([1, 1, 1, 1], [true, false, true, false])).toBe(0.5);
    expect(auc([2, 1, 1, 0], [true, true, false, false])).toBe(0.875);
  });

  it('should split a tie group straddling the top decile fractionally when computing capture and lift', () => {
    const scores = Array.from({ length: 20 }, (_, i) => (i < 4 ? 1 : 0));
    const labels = scores.map((_, i) => i < 2 || i === 10);
    const top = topDecile(scores, labels);
    expect(top.capture).toBeCloseTo(1 / 3);
    expect(top.lift).toBeCloseTo(1 / 2 / (3 / 20));
  });

  it('should report perfect calibration and zero ECE when predictions equal the observed rates per bin', () => {
    const predicted = [...Array(10).fill(0), ...Array(10).fill(1)];
    const labels = predicted.map((p) => p === 1);
    const c = calibration(predicted, labels, 2);
    expect(c.ece).toBe(0);
    expect(c.brier).toBe(0);
    expect(c.bins).toEqual([
      { predicted: 0, observed: 0, count: 10 },
      { predicted: 1, observed: 1, count: 10 },
    ]);
  });
});
