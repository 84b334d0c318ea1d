// Locates and loads the CDNOW reference data for tests and benches. The three files the specs use
// (summary CSVs and the 1/10 sample log, ~320 KB) ship in the repository under
// libs/bgnbd/test-data/ (provenance and checksums in its README.md); CDNOW_DIR points elsewhere.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CustomerSummary } from '../bgnbd.types';
import { readSummaryCsv } from '../summary-csv.reader';
import { summariseTransactions, TransactionSummary } from '../transactions.summariser';

/** Calibration weeks 1–39 and holdout weeks 40–78 of the CDNOW analyses. */
export const CDNOW_CALIBRATION_END = '1997-09-30';
export const CDNOW_HOLDOUT_END = '1998-06-30';

/** The repository root: the nearest ancestor of `from` holding nx.json. */
export function findRepoRoot(from: string = __dirname): string {
  let dir = resolve(from);
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no nx.json found above ${from}`);
    dir = parent;
  }
  return dir;
}

/**
 * `CDNOW_DIR`, or the shipped libs/bgnbd/test-data. Throws (so tests fail rather than skip) when a
 * required file is missing there.
 */
export function cdnowDir(): string {
  const dir = process.env.CDNOW_DIR ?? join(findRepoRoot(), 'libs', 'bgnbd', 'test-data');
  const required = ['cdnow_customers_summary.csv', 'CDNOW_sample.txt'];
  const missing = required.filter((file) => !existsSync(join(dir, file)));
  if (missing.length > 0) {
    throw new Error(
      `CDNOW reference data not found: ${missing.join(', ')} missing in ${dir}. ` +
        'Unset CDNOW_DIR to use the copies in libs/bgnbd/test-data (see its README.md).',
    );
  }
  return dir;
}

/** The published calibration summary (2,357 customers; time in weeks). */
export function loadCdnowSummary(): CustomerSummary[] {
  return readSummaryCsv(join(cdnowDir(), 'cdnow_customers_summary.csv'));
}

/**
 * CDNOW_sample.txt parsed into rows keyed by the *sample* customer id (column 2, '1'..'2357', the
 * same ids as the summary CSV). Columns: master id, sample id, YYYYMMDD, CDs, dollars; no header.
 */
export function loadCdnowSampleRows(): { customerId: string; date: string }[] {
  const text = readFileSync(join(cdnowDir(), 'CDNOW_sample.txt'), 'utf8');
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const cells = line.trim().split(/\s+/);
      return { customerId: String(Number(cells[1])), date: cells[2] };
    });
}

/** Calibration summary plus holdout purchase-day counts, rebuilt from the raw sample log. */
export function loadCdnowSampleSummary(): TransactionSummary[] {
  return summariseTransactions(loadCdnowSampleRows(), {
    calibrationEnd: CDNOW_CALIBRATION_END,
    holdoutEnd: CDNOW_HOLDOUT_END,
    unit: 'weeks',
  });
}
