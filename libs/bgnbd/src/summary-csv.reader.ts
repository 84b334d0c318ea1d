// Reads customer RFM summaries (one customer per line) into BG/NBD histories. The only I/O in the lib.
import { readFileSync } from 'node:fs';
import { assertValidHistory, CustomerSummary } from './bgnbd.types';

/**
 * Accepted header spellings per field. CDNOW ships `ID,frequency,recency,T` and `ID,x,t_x,T,zbar`;
 * the `lifetimes` loader renames to `customer_id,frequency,recency,T`. Extra columns are ignored.
 */
const COLUMN_ALIASES = {
  id: ['id', 'customer_id', 'customerid'],
  x: ['frequency', 'x'],
  tx: ['recency', 't_x', 'tx'],
  T: ['t', 'age'],
} as const;

function columnIndex(header: string[], field: keyof typeof COLUMN_ALIASES): number {
  const aliases: readonly string[] = COLUMN_ALIASES[field];
  const index = header.findIndex((name) => aliases.includes(name.trim().toLowerCase()));
  if (index < 0) {
    throw new Error(
      `summary CSV has no ${field} column (accepted: ${aliases.join(', ')}); header: ${header.join(',')}`,
    );
  }
  return index;
}

function parseNumber(cell: string | undefined, field: string, line: number): number {
  const value = Number(cell?.trim());
  if (cell === undefined || cell.trim() === '' || !Number.isFinite(value)) {
    throw new Error(`summary CSV line ${line}: ${field} is not a number (${JSON.stringify(cell)})`);
  }
  return value;
}

/**
 * Parses a comma-separated summary with a header row into histories (LF or CRLF, trailing newline
 * optional). Throws with the line number on a malformed or invalid row.
 */
export function parseSummaryCsv(text: string): CustomerSummary[] {
  const lines = text.split(/\r?\n/);
  const header = lines[0].split(',');
  const idCol = columnIndex(header, 'id');
  const xCol = columnIndex(header, 'x');
  const txCol = columnIndex(header, 'tx');
  const tCol = columnIndex(header, 'T');
  const customers: CustomerSummary[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const cells = lines[i].split(',');
    const customer = {
      id: (cells[idCol] ?? '').trim(),
      x: parseNumber(cells[xCol], 'x', i + 1),
      tx: parseNumber(cells[txCol], 't_x', i + 1),
      T: parseNumber(cells[tCol], 'T', i + 1),
    };
    try {
      assertValidHistory(customer);
    } catch (error) {
      throw new Error(`summary CSV line ${i + 1}: ${(error as Error).message}`);
    }
    customers.push(customer);
  }
  return customers;
}

/** Reads and parses a summary CSV file (see {@link parseSummaryCsv}). */
export function readSummaryCsv(path: string): CustomerSummary[] {
  return parseSummaryCsv(readFileSync(path, 'utf8'));
}
