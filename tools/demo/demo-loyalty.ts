// The demo's loyalty step (issue 13): points issued and redeemed, membership tiers, terminal utilisation.
import { DemoApi } from './demo-api';

export const CAMPAIGNS = 'http://127.0.0.1:3004';

interface LoyaltySummary {
  points: Record<string, number>;
  redemptions: Record<string, number>;
}

const fmt = (n: number) => n.toLocaleString('en-US');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until accrual has caught up with the activity stream (points issued stable for 3 s, ≤ 90 s). */
async function settledSummary(api: DemoApi): Promise<LoyaltySummary> {
  let last = -1;
  for (let i = 0; i < 30; i++) {
    const summary = await api.get<LoyaltySummary>(`${CAMPAIGNS}/v1/loyalty/summary`);
    const issued = summary.points['programme:issued'] ?? 0;
    if (issued > 0 && issued === last) return summary;
    last = issued;
    await sleep(3_000);
  }
  return api.get<LoyaltySummary>(`${CAMPAIGNS}/v1/loyalty/summary`);
}

/**
 * Points, membership and idle terminals after the simulated months: redeems rewards for the
 * merchants with the most points (fee relief becomes a registry promotion), recalculates tiers, scans
 * the fleet, and prints the programme's totals.
 */
export async function loyaltyStep(
  api: DemoApi,
  merchantIds: readonly string[],
  section: (t: string) => void,
): Promise<void> {
  await settledSummary(api);
  const balances = await Promise.all(
    merchantIds.slice(0, 400).map(async (id) => ({
      id,
      balance: (await api.get<{ balance: number }>(`${CAMPAIGNS}/v1/loyalty/merchants/${id}`)).balance,
    })),
  );
  const richest = balances.sort((a, b) => b.balance - a.balance).slice(0, 10);
  let refused = 0;
  for (const [i, m] of richest.entries()) {
    const item = m.balance >= 2_000 && i % 2 === 0 ? 'fee-relief-10bps-30d' : 'device-check';
    if (m.balance < 500) continue;
    try {
      await api.post(`${CAMPAIGNS}/v1/loyalty/merchants/${m.id}/redemptions`, {
        item,
        requestKey: `demo-${m.id}-${item}`,
      });
    } catch {
      refused += 1; // e.g. the registry refuses a promotion overlapping a campaign's (points returned)
    }
  }
  const membership = await api.post<{ assessed: number; changed: number }>(
    `${CAMPAIGNS}/v1/memberships/recalculations`,
  );
  const tiers = await api.get<{ byTier: Record<string, number> }>(`${CAMPAIGNS}/v1/memberships/summary`);
  const scan = await api.post<Record<string, number>>(`${CAMPAIGNS}/v1/terminal-fleet/scans`);
  const summary = await api.get<LoyaltySummary>(`${CAMPAIGNS}/v1/loyalty/summary`);

  section('loyalty, membership and idle terminals (reactivation-campaigns)');
  const p = summary.points;
  console.log(
    `points issued ${fmt((p['programme:issued'] ?? 0) + (p['programme:adjusted'] ?? 0))}, ` +
      `redeemed ${fmt(p['programme:redeemed'] ?? 0)}, expired ${fmt(p['programme:expired'] ?? 0)}`,
  );
  console.log(
    `redemptions by state: ${JSON.stringify(summary.redemptions)} (${refused} refused by the registry, points returned)`,
  );
  console.log(
    `membership: ${membership.assessed} merchants assessed, ${membership.changed} changes → ` +
      ['standard', 'silver', 'gold', 'vip'].map((t) => `${t} ${tiers.byTier[t] ?? 0}`).join(', '),
  );
  const util = scan.utilisation === null ? 'n/a' : `${(Number(scan.utilisation) * 100).toFixed(1)}%`;
  console.log(
    `terminal utilisation ${util} (${scan.transacted} of ${scan.assigned} assigned terminals transacted in 30 days); ` +
      `${scan.idle} idle, ${scan.opened} entered recovery`,
  );
}
