import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ProgressBar } from '../simulator/progress.bar';
import { DemoApi, addDays, datesBetween, sumMetric } from './demo-api';

const REGISTRY = 'http://127.0.0.1:3001';
const INGESTION = 'http://127.0.0.1:3002';
const CHURN = 'http://127.0.0.1:3003';

interface Reconciliation {
  received: number;
  accepted: { count: number; amountMinor: number; feeMinor: number };
  duplicate: number;
  rejected: { count: number; byReason: Record<string, number> };
  parked: number;
  balanced: boolean;
}

export interface IngestionTotals {
  received: number;
  accepted: number;
  duplicate: number;
  rejected: number;
  parked: number;
  acceptedAmountMinor: number;
  feeMinor: number;
  rejectedByReason: Record<string, number>;
  balanced: boolean;
}

/** Sums the reconciliation of the run's acquirer (and unreadable messages) over the simulated span. */
export async function ingestionTotals(
  api: DemoApi,
  acquirerId: string,
  from: string,
  to: string,
): Promise<IngestionTotals> {
  const totals: IngestionTotals = {
    received: 0,
    accepted: 0,
    duplicate: 0,
    rejected: 0,
    parked: 0,
    acceptedAmountMinor: 0,
    feeMinor: 0,
    rejectedByReason: {},
    balanced: true,
  };
  for (const acquirer of [acquirerId, 'unknown']) {
    for (const date of datesBetween(addDays(from, -1), addDays(to, 1))) {
      const r = await api.get<Reconciliation>(
        `${INGESTION}/v1/reconciliation?acquirerId=${acquirer}&date=${date}`,
      );
      totals.received += r.received;
      totals.accepted += r.accepted.count;
      totals.duplicate += r.duplicate;
      totals.rejected += r.rejected.count;
      totals.parked += r.parked;
      totals.acceptedAmountMinor += r.accepted.amountMinor;
      totals.feeMinor += r.accepted.feeMinor;
      totals.balanced &&= r.balanced;
      for (const [reason, n] of Object.entries(r.rejected.byReason)) {
        totals.rejectedByReason[reason] = (totals.rejectedByReason[reason] ?? 0) + n;
      }
    }
  }
  return totals;
}

/** `after − before`, field by field: what this run added (unreadable messages share acquirer `unknown`). */
export function totalsDelta(after: IngestionTotals, before: IngestionTotals): IngestionTotals {
  const rejectedByReason: Record<string, number> = {};
  for (const [reason, n] of Object.entries(after.rejectedByReason)) {
    const d = n - (before.rejectedByReason[reason] ?? 0);
    if (d !== 0) rejectedByReason[reason] = d;
  }
  return {
    received: after.received - before.received,
    accepted: after.accepted - before.accepted,
    duplicate: after.duplicate - before.duplicate,
    rejected: after.rejected - before.rejected,
    parked: after.parked - before.parked,
    acceptedAmountMinor: after.acceptedAmountMinor - before.acceptedAmountMinor,
    feeMinor: after.feeMinor - before.feeMinor,
    rejectedByReason,
    balanced: after.balanced,
  };
}

/** Waits until ingestion has accounted for every message the simulator sent (received ≥ expected). */
export async function waitForIngestion(
  api: DemoApi,
  acquirerId: string,
  span: { from: string; to: string },
  expected: number,
  before: IngestionTotals,
  timeoutMs = 600_000,
): Promise<IngestionTotals> {
  const progress = new ProgressBar(process.stderr, true);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const t = totalsDelta(await ingestionTotals(api, acquirerId, span.from, span.to), before);
    progress.update(
      `ingestion: ${t.received}/${expected} received (accepted ${t.accepted}, duplicate ${t.duplicate}, rejected ${t.rejected})`,
    );
    if (t.received >= expected && t.parked === 0) {
      progress.done(`ingestion: all ${expected} messages accounted for`);
      return t;
    }
    if (Date.now() > deadline)
      throw new Error(`ingestion accounted for ${t.received} of ${expected} messages in time`);
    await new Promise((r) => setTimeout(r, 2_000));
  }
}

/** Waits until churn-scoring has seen activity for (nearly) every merchant, then rescores. */
export async function rescore(api: DemoApi): Promise<{ jobId: string; result: unknown }> {
  // Snapshots flow ingestion → outbox → merchant.activity.v1 → churn-scoring; give the relay a moment.
  let last = -1;
  for (let i = 0; i < 30; i++) {
    const text = await api.metrics(CHURN);
    const lag = sumMetric(text, 'pulse_kafka_consumer_lag{');
    if (lag === 0 && last === 0) break;
    last = lag;
    await new Promise((r) => setTimeout(r, 2_000));
  }
  return api.post(`${CHURN}/v1/rescoring-runs`);
}

export interface RiskRow {
  merchantId: string;
  score: number;
  behaviourTier: string;
  valueTier: string;
  reasons: Array<{ code: string; message: string }>;
}

/** Every risk row of this run's merchants (ids start with the world's prefix). */
export async function risksOf(api: DemoApi, idPrefix: string): Promise<RiskRow[]> {
  const rows: RiskRow[] = [];
  let cursor: string | null | undefined;
  do {
    const query = `limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page = await api.get<{ items: RiskRow[]; nextCursor: string | null }>(`${CHURN}/v1/risks?${query}`);
    rows.push(...page.items.filter((r) => r.merchantId.startsWith(idPrefix)));
    cursor = page.nextCursor;
  } while (cursor);
  return rows;
}

/** Registry view of one merchant (tiers consumed back from churn.risk.v1). */
export async function registryTier(api: DemoApi, merchantId: string): Promise<unknown> {
  const m = await api.get<{ tiers?: unknown; status: string }>(`${REGISTRY}/v1/merchants/${merchantId}`);
  return { status: m.status, tiers: m.tiers };
}

/** Backtest against the simulator's ground truth with the churn CLI (reads churn-scoring's own tables). */
export function groundTruthBacktest(
  distDir: string,
  truthFile: string,
  asOf: string,
  target: 'dormant' | 'early-warning' = 'dormant',
): Record<string, unknown> | null {
  try {
    const out = execFileSync(
      process.execPath,
      [
        join(distDir, 'apps/churn-scoring/src/cli/churn.cli.js'),
        'backtest',
        '--activity',
        'db',
        '--truth',
        truthFile,
        '--as-of',
        asOf,
        '--horizon',
        '30',
        '--target',
        target,
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    );
    return JSON.parse(out.trim().split('\n').at(-1)!);
  } catch (error) {
    console.error(`ground-truth backtest failed: ${(error as Error).message.split('\n')[0]}`);
    return null;
  }
}

export { CHURN, INGESTION, REGISTRY };
