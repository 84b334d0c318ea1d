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
  /**
   * Dead letters re-driven and consumed again, by original reason and by where they ended. Not part of
   * `received`: each was moved out of `rejected` (on this, its original day) into its new outcome.
   */
  redriven: { count: number; byReason: Record<string, number>; byOutcome: Record<string, number> };
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
    redriven: { count: 0, byReason: {}, byOutcome: {} },
    balanced: true,
  };
  for (const line of lines) {
    if (line.outcome === 'redriven') {
      const [reason, outcome] = line.reason.split(':');
      r.redriven.count += line.count;
      r.redriven.byReason[reason] = (r.redriven.byReason[reason] ?? 0) + line.count;
      r.redriven.byOutcome[outcome] = (r.redriven.byOutcome[outcome] ?? 0) + line.count;
      continue;
    }
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
      // A reason whose every rejection was re-driven leaves a zero line: not a reason any more.
      if (r.rejected.byReason[line.reason] === 0) delete r.rejected.byReason[line.reason];
    }
  }
  r.balanced = r.received === r.accepted.count + r.duplicate + r.rejected.count + r.parked;
  return r;
}
