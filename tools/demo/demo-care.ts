// The demo's care step (issue 13): return visits due on the demo clock, the quarterly survey with
// simulated answers, training offers; prints "return visits done" and the survey average.
import { DemoApi } from './demo-api';

const CAMPAIGNS = 'http://127.0.0.1:3004';

interface Visit {
  id: string;
  kind: string;
  state: string;
  phoneTaskId: string | null;
}
interface CareSummary {
  visits: Array<{ kind: string; planned: number; done: number }>;
  surveys: { sent: number; answered: number; averageScore: number | null; followUps: number };
  trainingOffers: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A merchant's simulated satisfaction: a stable draw per merchant, mostly 4–5, some 1–3. */
function simulatedScore(merchantId: string): number {
  let h = 2166136261;
  for (const ch of merchantId) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  const u = h / 2 ** 32;
  return u < 0.06 ? 1 : u < 0.12 ? 2 : u < 0.27 ? 3 : u < 0.62 ? 4 : 5;
}

/**
 * Runs the care scheduler once, lets the demo's agent (the demo API key) work up to `calls` visit calls,
 * answers the survey of up to `answers` merchants through their signed links, and prints the totals.
 */
export async function careStep(
  api: DemoApi,
  merchantIds: readonly string[],
  section: (t: string) => void,
  options: { calls?: number; answers?: number } = {},
): Promise<CareSummary> {
  const run = await api.post<Record<string, Record<string, number | string>>>(
    `${CAMPAIGNS}/v1/care/runs`,
    {},
  );
  await sleep(5_000); // outreach hands visits to the phone queue and surveys to the SMS gateway
  const { items } = await api.get<{ items: Visit[] }>(`${CAMPAIGNS}/v1/care/visits?limit=500`);
  let called = 0;
  for (const visit of items.filter((v) => v.state === 'call_open' && v.phoneTaskId)) {
    if (called >= (options.calls ?? 25)) break;
    try {
      await api.post(`${CAMPAIGNS}/v1/phone-tasks/${visit.phoneTaskId}/claim`);
      const needs = called % 3 === 0 ? ['咨询扫码收款费率'] : [];
      await api.post(`${CAMPAIGNS}/v1/care/visits/${visit.id}/outcome`, {
        outcome: called % 5 === 4 ? 'no_answer' : 'reached',
        needs: called % 5 === 4 ? [] : needs,
      });
      called += 1;
    } catch {
      // another agent (or a lapsed claim) took it: the next one
    }
  }
  let answered = 0;
  for (const id of merchantIds) {
    if (answered >= (options.answers ?? 60)) break;
    const surveys = await api
      .get<{ items: Array<{ surveyUrl: string; answeredAt: string | null }> }>(
        `${CAMPAIGNS}/v1/care/surveys/by-merchant/${encodeURIComponent(id)}`,
      )
      .catch(() => ({ items: [] }));
    const open = surveys.items.find((s) => s.answeredAt === null);
    if (!open) continue;
    const path = new URL(open.surveyUrl).pathname;
    await api.post(`${CAMPAIGNS}${path}`, { score: simulatedScore(id) }).catch(() => undefined);
    answered += 1;
  }
  const summary = await api.get<CareSummary>(`${CAMPAIGNS}/v1/care/summary`);
  section('care programme: return visits, satisfaction surveys, training (reactivation-campaigns)');
  const planned = summary.visits.reduce((a, v) => a + v.planned, 0);
  const done = summary.visits.reduce((a, v) => a + v.done, 0);
  console.log(
    `return visits done ${done} of ${planned} planned (` +
      summary.visits.map((v) => `${v.kind} ${v.done}/${v.planned}`).join(', ') +
      `); this run created ${JSON.stringify(run.visits ?? {})}`,
  );
  const avg = summary.surveys.averageScore === null ? 'n/a' : summary.surveys.averageScore.toFixed(2);
  console.log(
    `satisfaction surveys sent ${summary.surveys.sent}, answered ${summary.surveys.answered}, ` +
      `survey average ${avg} / 5, low-score follow-up calls ${summary.surveys.followUps}; ` +
      `training offers ${summary.trainingOffers}`,
  );
  return summary;
}
