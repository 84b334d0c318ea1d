// Reads recency/frequency ("RF") tables for BG/BB: one (x, t_x, n) pattern per line, with an
// optional count of customers sharing it. The parser never throws: it reports every bad line.
import { readFileSync } from 'node:fs';
import { BgBbPattern, bgBbHistoryProblem } from './bgbb.types';

/**
 * Accepted header spellings (case-insensitive). The donations table ships as
 * `frequency,recency,n,n_custs`; `lifetimes` uses `frequency,recency,periods,weights`. A file
 * without a count column has one customer per line. Extra columns (e.g. an id) are ignored.
 */
const COLUMN_ALIASES = {
  x: ['frequency', 'x'],
  tx: ['recency', 't_x', 'tx'],
  n: ['n', 'periods', 'opportunities'],
  count: ['n_custs', 'count', 'weights', 'customers'],
} as const;

type Field = keyof typeof COLUMN_ALIASES;

/** How each field is named in messages (the model's notation). */
const FIELD_LABELS: Record<Field, string> = { x: 'x', tx: 't_x', n: 'n', count: 'count' };

/** The outcome of {@link parseRfSummaryCsv}: all patterns, or every problem found (with line numbers). */
export type RfSummaryParseResult =
  { readonly ok: true; readonly patterns: BgBbPattern[] } | { readonly ok: false; readonly errors: string[] };

function columnIndex(header: string[], field: Field): number {
  const aliases: readonly string[] = COLUMN_ALIASES[field];
  return header.findIndex((name) => aliases.includes(name.trim().toLowerCase()));
}

function parseLine(cells: string[], columns: Record<Field, number>, line: number): BgBbPattern | string {
  const values: Partial<Record<Field, number>> = {};
  for (const field of ['x', 'tx', 'n', 'count'] as const) {
    if (columns[field] < 0) continue;
    const cell = cells[columns[field]]?.trim() ?? '';
    const value = Number(cell);
    if (cell === '' || !Number.isFinite(value))
      return `line ${line}: ${FIELD_LABELS[field]} is not a number (${JSON.stringify(cell)})`;
    values[field] = value;
  }
  const pattern = { x: values.x ?? NaN, tx: values.tx ?? NaN, n: values.n ?? NaN, count: values.count ?? 1 };
  const problem = bgBbHistoryProblem(pattern);
  if (problem !== null) return `line ${line}: ${problem}`;
  if (!Number.isInteger(pattern.count) || pattern.count < 1) {
    return `line ${line}: count must be a positive integer, got ${pattern.count}`;
  }
  return pattern;
}

/**
 * Parses a comma-separated RF table with a header row (LF or CRLF, trailing newline optional).
 * Required columns: frequency, recency, n (see {@link COLUMN_ALIASES}); count is optional.
 */
export function parseRfSummaryCsv(text: string): RfSummaryParseResult {
  const lines = text.split(/\r?\n/);
  const header = lines[0].split(',');
  const columns = {} as Record<Field, number>;
  const errors: string[] = [];
  for (const field of Object.keys(COLUMN_ALIASES) as Field[]) {
    columns[field] = columnIndex(header, field);
    if (columns[field] < 0 && field !== 'count') {
      errors.push(
        `no ${FIELD_LABELS[field]} column (accepted: ${COLUMN_ALIASES[field].join(', ')}); header: ${lines[0]}`,
      );
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  const patterns: BgBbPattern[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const parsed = parseLine(lines[i].split(','), columns, i + 1);
    if (typeof parsed === 'string') errors.push(parsed);
    else patterns.push(parsed);
  }
  if (errors.length === 0 && patterns.length === 0) errors.push('no data rows');
  return errors.length > 0 ? { ok: false, errors } : { ok: true, patterns };
}

/** Reads and parses an RF table file (see {@link parseRfSummaryCsv}); throws only on I/O errors. */
export function readRfSummaryCsv(path: string): RfSummaryParseResult {
  return parseRfSummaryCsv(readFileSync(path, 'utf8'));
}
