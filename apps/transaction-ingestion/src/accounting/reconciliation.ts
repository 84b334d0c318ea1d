import { LedgerLine } from './ingest-ledger.repository';

/** The reconciliation of one acquirer and business date. */
export interface Reconciliation {
  acquirerId: string;
  date: string;
  received: number;
  accepted: {
    count: number;
    amountMinor: number;
    feeMinor: number;
    /** Per `<type>.<status>`, e.g. `purchase.approved`. */
    byKind: Record<string, { count: number; amountMinor: number; feeMinor: number }>;
  };
  duplicate: number;
  rejected: { count: number; amountMinor: number; byReason: Record<string, number> };
  /** Waiting for their merchant's registration (counted in received, not yet in an outcome). */
  parked: number;
  /** received = accepted + duplicate + rejected + parked (always true unless the ledger is corrupt). */
  balanced: boolean;
}

/** Folds ledger lines into the reconciliation answer. */
export function summariseLedger(
  acquirerId: string,
  date: string,
  lines: readonly LedgerLine[],
): Reconciliation {
  const r: Reconciliation = {
    acquirerId,
    date,
    received: 0,
    accepted: { count: 0, amountMinor: 0, feeMinor: 0, byKind: {} },
    duplicate: 0,
    rejected: { count: 0, amountMinor: 0, byReason: {} },
    parked: 0,
    balanced: true,
  };
  for (const line of lines) {
    r.received += line.count;
    if (line.outcome === 'accepted') {
      r.accepted.count += line.count;
      r.accepted.amountMinor += line.amountMinor;
      r.accepted.feeMinor += line.feeMinor;
      r.accepted.byKind[line.reason] = {
        count: line.count,
        amountMinor: line.amountMinor,
        feeMinor: line.feeMinor,
      };
    } else if (line.outcome === 'duplicate') r.duplicate += line.count;
    else if (line.outcome === 'parked') r.parked += line.count;
    else {
      r.rejected.count += line.count;
      r.rejected.amountMinor += line.amountMinor;
      r.rejected.byReason[line.reason] = (r.rejected.byReason[line.reason] ?? 0) + line.count;
    }
  }
  r.balanced = r.received === r.accepted.count + r.duplicate + r.rejected.count + r.parked;
  return r;
}
