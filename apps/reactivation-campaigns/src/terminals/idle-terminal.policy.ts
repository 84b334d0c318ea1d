import type { FleetTerminal } from './fleet.repository';

/** Days from one local date to another (`YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Why an assigned terminal is idle, or null: its merchant is closed or dormant/churned, or it has
 * had no approved transaction for `idleDays` (counted from assignment when it never traded).
 */
export function idleReason(t: FleetTerminal, today: string, idleDays: number): string | null {
  if (t.merchantStatus === 'closed') return 'merchant_closed';
  if (t.behaviourTier === 'dormant' || t.behaviourTier === 'churned') return `merchant_${t.behaviourTier}`;
  const since = t.lastTransactedOn ?? t.assignedOn;
  if (!since) return null;
  const days = daysBetween(since, today);
  return days >= idleDays ? `no_approved_transaction_for_${days}_days` : null;
}

/** Utilisation KPI: share of assigned terminals with an approved transaction in the last `windowDays`. */
export function utilisationOf(
  terminals: readonly FleetTerminal[],
  today: string,
  windowDays = 30,
): { assigned: number; transacted: number; utilisation: number | null } {
  const transacted = terminals.filter(
    (t) => t.lastTransactedOn !== null && daysBetween(t.lastTransactedOn, today) < windowDays,
  ).length;
  return {
    assigned: terminals.length,
    transacted,
    utilisation:
      terminals.length === 0 ? null : Math.round((transacted / terminals.length) * 10_000) / 10_000,
  };
}
