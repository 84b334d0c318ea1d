import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** One line of the time-to-recover table. */
export interface RecoveryRow {
  scenario: string;
  fault: string;
  /** How long the fault lasted (server down), ms; 0 for instantaneous faults. */
  faultMs: number;
  /**
   * From the fault lifted until the ledger accounted for every message on the topic at that moment,
   * ms (undefined: never; null: not applicable). For Redis: until the gateway's first 202.
   */
  resumedMs?: number | null;
  /** From the end of the load to the ledger holding every message, ms (undefined: never drained). */
  drainedMs?: number;
  /** Replicas the supervisor had to replace that the scenario did not kill. */
  unplannedRestarts: number;
  result: string;
}

export const RECOVERY_FILE =
  process.env.FAULTS_RECOVERY_FILE ?? join(process.cwd(), '.test-results', 'faults-recovery.jsonl');

export function recordRow(row: RecoveryRow): void {
  mkdirSync(dirname(RECOVERY_FILE), { recursive: true });
  appendFileSync(RECOVERY_FILE, `${JSON.stringify(row)}\n`);
}

const seconds = (ms?: number | null) =>
  ms === null ? '—' : ms === undefined ? 'never' : `${(ms / 1000).toFixed(1)} s`;

export function formatTable(rows: readonly RecoveryRow[]): string {
  const header = [
    'scenario',
    'fault',
    'down',
    'caught up after',
    'drained after load',
    'unplanned restarts',
    'result',
  ];
  const body = rows.map((r) => [
    r.scenario,
    r.fault,
    seconds(r.faultMs),
    seconds(r.resumedMs),
    seconds(r.drainedMs),
    String(r.unplannedRestarts),
    r.result,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => Math.min(b[i].length, 90))));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => c.slice(0, 90).padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

/** `node dist/tools/faults/harness/recovery.table.js [file]`: prints the table of a run. */
if (require.main === module) {
  const file = process.argv[2] ?? RECOVERY_FILE;
  const rows = existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as RecoveryRow)
    : [];
  console.log(rows.length ? formatTable(rows) : `no fault scenario recorded a result in ${file}`);
}
