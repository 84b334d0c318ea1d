// Loads the donations RF table (FHS 2010) for tests. The file is small and ships in the repository:
// libs/bgnbd/test-data/donations_summary.csv (provenance and checksum in test-data/README.md).
import { join } from 'node:path';
import { BgBbPattern } from '../bgbb/bgbb.types';
import { readRfSummaryCsv } from '../bgbb/rf-summary-csv.reader';

/** Absolute path of the donations RF table. */
export const DONATIONS_SUMMARY_PATH = join(__dirname, '..', '..', 'test-data', 'donations_summary.csv');

/** The 22 (x, t_x, n = 6) patterns of 11,104 supporters; throws when the file is unreadable or invalid. */
export function loadDonationsPatterns(): BgBbPattern[] {
  const result = readRfSummaryCsv(DONATIONS_SUMMARY_PATH);
  if (!result.ok) throw new Error(`donations table invalid: ${result.errors.join('; ')}`);
  return result.patterns;
}
