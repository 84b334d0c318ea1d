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
  const n = scores.length;
  const totalPositives = labels.filter(Boolean).length;
  if (n === 0 || totalPositives === 0) return { capture: NaN, lift: NaN };
  const cut = n / 10;
  const order = scores.map((s, i) => i).sort((p, q) => scores[q] - scores[p]);
  let taken = 0;
  let found = 0;
  for (let i = 0; i < n && taken < cut;) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]] === scores[order[i]]) j++;
    const size = j - i + 1;
    const share = Math.min(1, (cut - taken) / size);
    let groupPositives = 0;
    for (let k = i; k <= j; k++) if (labels[order[k]]) groupPositives++;
    found += share * groupPositives;
    taken += share * size;
    i = j + 1;
  }
  const capture = found / totalPositives;
  return { capture, lift: found / cut / (totalPositives / n) };
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
