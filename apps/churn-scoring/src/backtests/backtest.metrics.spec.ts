import { auc, calibration, liftCurve, rocCurve, topDecile } from './backtest.metrics';

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

  it('should draw a ROC curve from (0,0) to (1,1) whose trapezoid area equals the tie-averaged AUC', () => {
    const scores = [5, 4, 4, 3, 2, 2, 2, 1, 0, 0];
    const labels = [true, true, false, true, false, true, false, false, true, false];
    const curve = rocCurve(scores, labels);
    expect(curve[0]).toEqual({ fpr: 0, tpr: 0 });
    expect(curve[curve.length - 1]).toEqual({ fpr: 1, tpr: 1 });
    let area = 0;
    for (let i = 1; i < curve.length; i++)
      area += ((curve[i].fpr - curve[i - 1].fpr) * (curve[i].tpr + curve[i - 1].tpr)) / 2;
    expect(area).toBeCloseTo(auc(scores, labels), 3);
  });

  it('should bound the ROC curve to 101 points keeping both ends when every score differs', () => {
    const scores = Array.from({ length: 5_000 }, (_, i) => i);
    const labels = scores.map((s) => s % 3 === 0);
    const curve = rocCurve(scores, labels);
    expect(curve).toHaveLength(101);
    expect(curve[0]).toEqual({ fpr: 0, tpr: 0 });
    expect(curve[100]).toEqual({ fpr: 1, tpr: 1 });
    for (let i = 1; i < curve.length; i++) expect(curve[i].fpr).toBeGreaterThanOrEqual(curve[i - 1].fpr);
  });

  it('should return no ROC curve without both classes', () => {
    expect(rocCurve([1, 2, 3], [true, true, true])).toEqual([]);
  });

  it('should give a lift curve of 20 depths ending at capture 1 and lift 1, matching the top decile at 10%', () => {
    const scores = Array.from({ length: 200 }, (_, i) => 200 - i);
    const labels = scores.map((_, i) => i < 30 || i % 7 === 0);
    const curve = liftCurve(scores, labels);
    expect(curve).toHaveLength(20);
    expect(curve[19]).toEqual({ depth: 1, capture: 1, lift: 1 });
    const top = topDecile(scores, labels);
    expect(curve[1].depth).toBe(0.1);
    expect(curve[1].capture).toBeCloseTo(top.capture, 4);
    expect(curve[1].lift).toBeCloseTo(top.lift, 4);
    for (let i = 1; i < curve.length; i++)
      expect(curve[i].capture).toBeGreaterThanOrEqual(curve[i - 1].capture);
  });
});
