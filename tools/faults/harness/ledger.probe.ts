import { Client } from 'pg';
import { testInfra } from '@merchant-pulse/testing';
import { sleep } from '../servers/process-image';

/** The ingestion ledger of one schema, summed over acquirers and days. */
export interface LedgerTotals {
  received: number;
  accepted: { n: number; amount: number; fee: number };
  duplicate: number;
  rejected: number;
  rejectedByReason: Record<string, number>;
  parked: number;
}

async function query<R>(sql: string): Promise<R[]> {
  const client = new Client({
    connectionString: testInfra.adminDatabaseUrl,
    connectionTimeoutMillis: 2_000,
    statement_timeout: 5_000,
  });
  // A server shutting down sends FATAL to idle and busy sessions alike: a failed read, not a crash.
  client.on('error', () => undefined);
  await client.connect();
  try {
    return (await client.query(sql)).rows as R[];
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function ledgerTotals(schema: string): Promise<LedgerTotals> {
  const rows = await query<{ outcome: string; reason: string; n: string; amount: string; fee: string }>(
    `SELECT outcome, reason, sum(count) AS n, sum(amount_minor) AS amount, sum(fee_minor) AS fee
       FROM "${schema}".ingest_ledger GROUP BY outcome, reason`,
  );
  const t: LedgerTotals = {
    received: 0,
    accepted: { n: 0, amount: 0, fee: 0 },
    duplicate: 0,
    rejected: 0,
    rejectedByReason: {},
    parked: 0,
  };
  for (const r of rows) {
    const n = Number(r.n);
    t.received += n;
    if (r.outcome === 'accepted') {
      t.accepted.n += n;
      t.accepted.amount += Number(r.amount);
      t.accepted.fee += Number(r.fee);
    } else if (r.outcome === 'duplicate') t.duplicate += n;
    else if (r.outcome === 'parked') t.parked += n;
    else {
      t.rejected += n;
      t.rejectedByReason[r.reason] = (t.rejectedByReason[r.reason] ?? 0) + n;
    }
  }
  return t;
}

/** What the transactions table holds (the effect itself, not the ledger's account of it). */
export async function storedTransactions(schema: string): Promise<{ n: number; amount: number }> {
  const [row] = await query<{ n: string; amount: string | null }>(
    `SELECT count(*) AS n, sum(amount_minor) AS amount FROM "${schema}".transactions`,
  );
  return { n: Number(row.n), amount: Number(row.amount ?? 0) };
}

export async function projectedMerchants(schema: string): Promise<number> {
  const [row] = await query<{ n: string }>(`SELECT count(*) AS n FROM "${schema}".merchants`);
  return Number(row.n);
}

/**
 * Samples the ledger's `received` every 250 ms in the background (a failed read — Postgres down —
 * is a gap, not an error), so a scenario can tell when processing caught up after its fault.
 */
export class ProgressWatch {
  private readonly samples: Array<{ at: number; received: number }> = [];
  private running = true;
  private readonly loop: Promise<void>;

  constructor(private readonly schema: string) {
    this.loop = this.poll();
  }

  /** Latest known `received`. */
  get received(): number {
    return this.samples.at(-1)?.received ?? 0;
  }

  /**
   * Milliseconds from `since` until the ledger accounted for `count` messages (everything on the
   * topic when the fault was lifted): the time to work off what piled up during the fault.
   */
  caughtUp(since: number, count: number): number | undefined {
    const reached = this.samples.find((s) => s.at >= since && s.received >= count);
    return reached ? reached.at - since : undefined;
  }

  /** Waits until the ledger grew by `by` from now (used to strike mid-batch). */
  async grows(by: number, timeoutMs: number): Promise<boolean> {
    const from = this.received;
    const deadline = Date.now() + timeoutMs;
    while (this.received < from + by) {
      if (Date.now() > deadline) return false;
      await sleep(20);
    }
    return true;
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private async poll(): Promise<void> {
    while (this.running) {
      const totals = await ledgerTotals(this.schema).catch(() => undefined);
      // Stamped when the answer arrived: the ledger held at least this much by then.
      if (totals) this.samples.push({ at: Date.now(), received: totals.received });
      await sleep(totals ? 250 : 100);
    }
  }
}
