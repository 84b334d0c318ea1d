// Ranking and calibration metrics of a backtest. Ties are handled exactly (average ranks, fractional
// top-decile membership), which matters for the recency rule: many merchants share "0 days".

/** One bin of a reliability table. */
export interface CalibrationBin {
  /** Mean predicted probability in the bin. */
  predicted: number;
  /** Observed positive rate in the bin. */
  observed: number;
  count: number;
}

/** Calibration summary: reliability table over deciles of the prediction, Brier score, ECE. */
export interface Calibration {
  bins: CalibrationBin[];
  brier: number;
  /** Expected calibration error: count-weighted mean |predicted − observed| over the bins. */
  ece: number;
}

/** Area under the ROC curve (Mann–Whitney U with average ranks); NaN without both classes. */
export function auc(scores: readonly number[], labels: readonly boolean[]): number {
  const order = scores.map((s, i) => i).sort((p, q) => scores[p] - scores[q]);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && scores[order[j + 1]] === scores[order[i]]) j++;
    const averageRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++)
      if (labels[order[k]]) {
        positives++;
        rankSum += averageRank;
      }
    i = j + 1;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * Top-decile capture (share of all positives found among the 10% highest scores) and lift (the
 * decile's positive rate over the base rate). A tie group straddling the cut counts fractionally,
 * as if ties were broken at random.
 */
export function topDecile(
  scores: readonly number[],
  labels: readonly boolean[],
): { capture: number; lift: number } {
  return topShare(scores, labels, 0.1);
}

/**
 * Capture and lift of the `share` (0, 1] of merchants with the highest scores; a tie group straddling
 * the cut counts fractionally, as if ties were broken at random.
 */
export function topShare(
  scores: readonly number[],
  labels: readonly boolean[],
  share: number,
): { capture: number; lift: number } {
  const n = scores.length;
  const totalPositives = labels.filter(Boolean).length;
  if (n === 0 || totalPositives === 0 || !(share > 0)) return { capture: NaN, lift: NaN };
  const cut = n * Math.min(1, share);
  const order = scores.map((s, i) => i).sort((p, q) => scores[q] - scores[p]);
  let taken = 0;
  let found = 0;
  for (let i = 0; i < n && taken < cut;) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]] === scores[order[i]]) j++;
    const size = j - i + 1;
    const part = Math.min(1, (cut - taken) / size);
    let groupPositives = 0;
    for (let k = i; k <= j; k++) if (labels[order[k]]) groupPositives++;
    found += part * groupPositives;
    taken += part * size;
    i = j + 1;
  }
  const capture = found / totalPositives;
  return { capture, lift: found / cut / (totalPositives / n) };
}

/** One point of a ROC curve: false- and true-positive rates at a score threshold. */
export interface RocPoint {
  fpr: number;
  tpr: number;
}

/** One point of a cumulative lift (gains) curve: the top `depth` share of merchants by score. */
export interface LiftPoint {
  depth: number;
  /** Share of all positives found in that top share. */
  capture: number;
  /** Its positive rate over the base rate. */
  lift: number;
}

/** Most points a ROC curve carries: enough for a chart, bounded whatever the population. */
export const MAX_ROC_POINTS = 101;

/**
 * The ROC curve from (0,0) to (1,1): one point per distinct score threshold (ties step diagonally,
 * consistent with the tie-averaged AUC), thinned to at most `maxPoints` evenly spaced points keeping
 * both ends. Empty without both classes.
 */
export function rocCurve(
  scores: readonly number[],
  labels: readonly boolean[],
  maxPoints = MAX_ROC_POINTS,
): RocPoint[] {
  const positives = labels.filter(Boolean).length;
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) return [];
  const order = scores.map((s, i) => i).sort((p, q) => scores[q] - scores[p]);
  const points: RocPoint[] = [{ fpr: 0, tpr: 0 }];
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && scores[order[j + 1]] === scores[order[i]]) j++;
    for (let k = i; k <= j; k++) {
      if (labels[order[k]]) tp++;
      else fp++;
    }
    i = j + 1;
    points.push({ fpr: fp / negatives, tpr: tp / positives });
  }
  return thin(points, Math.max(2, maxPoints)).map((p) => ({ fpr: round(p.fpr), tpr: round(p.tpr) }));
}

/** The cumulative lift curve at depths 1/steps, 2/steps … 1 (20 points of 5% by default). */
export function liftCurve(scores: readonly number[], labels: readonly boolean[], steps = 20): LiftPoint[] {
  if (labels.filter(Boolean).length === 0) return [];
  return Array.from({ length: steps }, (_, k) => {
    const depth = (k + 1) / steps;
    const { capture, lift } = topShare(scores, labels, depth);
    return { depth: round(depth), capture: round(capture), lift: round(lift) };
  });
}

function thin<T>(points: readonly T[], maxPoints: number): T[] {
  if (points.length <= maxPoints) return [...points];
  return Array.from(
    { length: maxPoints },
    (_, k) => points[Math.round((k * (points.length - 1)) / (maxPoints - 1))],
  );
}

/** Reliability over deciles of the predicted probability, Brier score and ECE. */
export function calibration(
  predicted: readonly number[],
  labels: readonly boolean[],
  binCount = 10,
): Calibration {
  const n = predicted.length;
  const order = predicted.map((p, i) => i).sort((p, q) => predicted[p] - predicted[q]);
  const bins: CalibrationBin[] = [];
  let ece = 0;
  for (let b = 0; b < binCount; b++) {
    const slice = order.slice(Math.floor((b * n) / binCount), Math.floor(((b + 1) * n) / binCount));
    if (slice.length === 0) continue;
    const mean = slice.reduce((s, i) => s + predicted[i], 0) / slice.length;
    const observed = slice.filter((i) => labels[i]).length / slice.length;
    bins.push({ predicted: round(mean), observed: round(observed), count: slice.length });
    ece += (slice.length / n) * Math.abs(mean - observed);
  }
  const brier = n === 0 ? NaN : predicted.reduce((s, p, i) => s + (p - (labels[i] ? 1 : 0)) ** 2, 0) / n;
  return { bins, brier: round(brier), ece: round(ece) };
}

function round(v: number): number {
  return Math.round(v * 10_000) / 10_000;
}
