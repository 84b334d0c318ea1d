// The after-sales part of `npm run demo`: the simulator's failing terminals fail again "now", terminal
// health opens proactive tickets, the clock moves, engineers fix some on site (one visit fails), the
// fixed terminals transact again and their tickets resolve themselves, merchants answer the surveys.
import { createKafkaClient, EventProducer, TopicNamer } from '@merchant-pulse/kafka';
import { Topics } from '@merchant-pulse/contracts';
import { DemoApi, sumMetric } from './demo-api';
import type { SlaReport } from '../../apps/after-sales-tickets/src/sla/reports/sla-report.repository';

export const TICKETS = 'http://127.0.0.1:3005';
const INGESTION = 'http://127.0.0.1:3002';
const MINUTE = 60_000;

interface Ticket {
  id: string;
  merchantId: string;
  terminalId: string | null;
  status: string;
  channel: string;
  verifiedBy: string | null;
  openedAt: string;
  resolvedAt: string | null;
}

/** What the step prints. */
export interface TicketsSummary {
  failingTerminals: number;
  proactive: number;
  fixedOnSite: number;
  fixedRemotely: number;
  failedVisits: number;
  resolvedVerified: Record<string, number>;
  stillOpen: number;
  surveysAnswered: number;
  minutesToProactive: number[];
  satisfaction: Array<{ key: string; answers: number; meanScore: number; satisfiedShare: number }>;
  /** Per SLA kind, how the tickets this step worked stand: met, breached, still running. */
  slaWorked: Record<string, { met: number; breached: number; running: number }>;
  sla: SlaReport | null;
  metrics: { opened: number; reopened: number; resolved: number };
}

const STAFF = [
  { id: 'dev-1', teamId: 'device-l1', name: 'Wang Fang', capacity: 8 },
  { id: 'dev-2', teamId: 'device-l1', name: 'Zhang Wei', capacity: 8 },
  { id: 'dev-3', teamId: 'device-l1', name: 'Liu Yang', capacity: 8 },
  { id: 'dev-senior', teamId: 'device-l2', name: 'Chen Jing', capacity: 10 },
  { id: 'bill-1', teamId: 'billing-l1', name: 'Zhao Min', capacity: 10 },
  { id: 'onb-1', teamId: 'onboarding-l1', name: 'Sun Li', capacity: 10 },
];

/** Card transactions of one terminal at `at`: `failures` card-read failures among `count`. */
function liveTraffic(
  acquirerId: string,
  t: { merchantId: string; terminalId: string },
  at: number,
  count: number,
  failures: number,
  tag: string,
) {
  return Array.from({ length: count }, (_, i) => {
    const failed = i < failures;
    const value = {
      acquirerId,
      transactionId: `${t.terminalId}-LIVE-${tag}-${i}`,
      merchantId: t.merchantId,
      terminalId: t.terminalId,
      occurredAt: new Date(at - (count - i) * 30_000).toISOString(),
      amountMinor: 3_000 + i * 17,
      currency: 'CNY',
      channel: 'credit',
      type: 'purchase',
      status: failed ? 'declined' : 'approved',
      responseCode: failed ? 'CR' : '00',
      entryMode: 'chip',
    };
    return {
      topic: Topics.AcquirerTransactions,
      key: t.merchantId,
      value: Buffer.from(JSON.stringify(value)),
    };
  });
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2_000));
  }
}

async function setClocks(api: DemoApi, now: number): Promise<void> {
  for (const url of [INGESTION, TICKETS])
    await api.put(`${url}/v1/clock`, { now: new Date(now).toISOString() });
}

/** Runs the step against the running services; `failing` comes from the simulator's ground truth. */
export async function runTicketsStep(
  api: DemoApi,
  acquirerId: string,
  failing: Array<{ merchantId: string; terminalId: string }>,
  seed: number,
): Promise<TicketsSummary> {
  const terminals = failing.slice(0, 8);
  for (const agent of STAFF) await api.put(`${TICKETS}/v1/agents/${agent.id}`, agent);
  const producer = new EventProducer(
    createKafkaClient({
      brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
      clientId: 'demo-tickets',
    }),
    new TopicNamer(''),
  );
  try {
    // 1. The failing readers fail again, now: 45% of 30 chip payments in the last 15 minutes.
    const t0 = Date.parse((await api.get<{ now: string }>(`${INGESTION}/v1/clock`)).now);
    await producer.send(terminals.flatMap((t) => liveTraffic(acquirerId, t, t0, 30, 14, `${seed}-a`)));
    const tickets = await until('proactive tickets', async () => {
      const found = await proactiveTickets(api, terminals);
      return found.length === terminals.length ? found : undefined;
    });
    const minutesToProactive = tickets.map((t) =>
      Math.max(0, Math.round((Date.parse(t.openedAt) - t0) / MINUTE)),
    );

    // 2. Ten minutes later the device team answers each merchant (the first response the SLA times).
    await setClocks(api, t0 + 10 * MINUTE);
    for (const t of tickets)
      await api.post(`${TICKETS}/v1/tickets/${t.id}/messages`, {
        kind: 'reply',
        body: 'We saw card-read failures on your terminal and are diagnosing it remotely.',
      });

    // 3. Two hours later: remote diagnosis done; half get an engineer on site (the last visit fails),
    //    the others are fixed remotely (reader reset).
    const t1 = t0 + 120 * MINUTE;
    await setClocks(api, t1);
    // The first visit fails (when there are two tickets or more): that ticket must stay open.
    const failedVisit = tickets.length > 1 ? tickets[0] : undefined;
    const onSite = tickets.slice(
      0,
      (failedVisit ? 1 : 0) + Math.ceil((tickets.length - (failedVisit ? 1 : 0)) / 2),
    );
    const remote = tickets.slice(onSite.length);
    for (const t of tickets)
      await api.post(`${TICKETS}/v1/tickets/${t.id}/messages`, {
        kind: 'reply',
        body: 'Diagnosis done: an engineer visits today, or the reader was reset remotely.',
      });
    for (const t of onSite) await visit(api, t, t1, t === failedVisit);
    for (const t of remote)
      await api.patch(`${TICKETS}/v1/tickets/${t.id}`, { fixApplied: true, reason: 'Remote reader reset' });

    // 4. Thirty minutes later the repaired terminals take cards again; the failed one keeps failing.
    const t2 = t1 + 30 * MINUTE;
    await setClocks(api, t2);
    await producer.send(
      tickets.flatMap((t) =>
        liveTraffic(
          acquirerId,
          { merchantId: t.merchantId, terminalId: t.terminalId! },
          t2,
          25,
          t === failedVisit ? 12 : 0,
          `${seed}-b`,
        ),
      ),
    );
    const fixed = tickets.filter((t) => t !== failedVisit);
    const resolved = await until('verified resolutions', async () => {
      const now = await Promise.all(
        fixed.map((t) => api.get<{ ticket: Ticket }>(`${TICKETS}/v1/tickets/${t.id}`)),
      );
      return now.every((d) => d.ticket.status === 'resolved') ? now.map((d) => d.ticket) : undefined;
    });

    // 5. The merchants answer the survey (4–5, one 3).
    let answered = 0;
    for (const [i, t] of resolved.entries()) {
      const link = await api.get<{ surveyPath: string }>(`${TICKETS}/v1/surveys/by-ticket/${t.id}`);
      await api.post(`${TICKETS}${link.surveyPath}`, {
        score: i % 4 === 3 ? 3 : 4 + (i % 2),
        comment: 'Fixed quickly',
      });
      answered += 1;
    }
    const still = failedVisit
      ? await api.get<{ ticket: Ticket }>(`${TICKETS}/v1/tickets/${failedVisit.id}`)
      : undefined;
    const metrics = await api.metrics(TICKETS);
    return {
      failingTerminals: failing.length,
      proactive: tickets.length,
      fixedOnSite: onSite.length - (failedVisit ? 1 : 0),
      fixedRemotely: remote.length,
      failedVisits: failedVisit ? 1 : 0,
      resolvedVerified: resolved.reduce<Record<string, number>>((acc, t) => {
        acc[t.verifiedBy ?? 'none'] = (acc[t.verifiedBy ?? 'none'] ?? 0) + 1;
        return acc;
      }, {}),
      stillOpen: still && still.ticket.status !== 'resolved' ? 1 : 0,
      surveysAnswered: answered,
      minutesToProactive,
      satisfaction: await api.get(`${TICKETS}/v1/surveys/satisfaction?by=category`),
      slaWorked: await workedSla(api, tickets),
      sla: await api.get<SlaReport>(`${TICKETS}/v1/sla/summary`).catch(() => null),
      metrics: {
        opened: sumMetric(metrics, 'pulse_tickets_opened_total{'),
        reopened: sumMetric(metrics, 'pulse_tickets_reopened_total{'),
        resolved: sumMetric(metrics, 'pulse_tickets_resolved_total{'),
      },
    };
  } finally {
    await producer.disconnect();
  }
}

/** Each worked ticket's SLA clocks (GET /v1/tickets/{id}/sla), counted per kind. */
async function workedSla(api: DemoApi, tickets: Ticket[]): Promise<TicketsSummary['slaWorked']> {
  const counts: TicketsSummary['slaWorked'] = {};
  for (const t of tickets) {
    const { clocks } = await api.get<{
      clocks: Array<{ kind: string; state: string; breached: boolean }>;
    }>(`${TICKETS}/v1/tickets/${t.id}/sla`);
    // A clock never started (next response: only once the merchant answers) is not counted.
    for (const c of clocks.filter((x) => x.state !== 'idle')) {
      const n = (counts[c.kind] ??= { met: 0, breached: 0, running: 0 });
      if (c.breached) n.breached += 1;
      else if (c.state === 'met') n.met += 1;
      else if (c.state === 'running' || c.state === 'paused') n.running += 1;
    }
  }
  return counts;
}

async function proactiveTickets(
  api: DemoApi,
  terminals: Array<{ merchantId: string; terminalId: string }>,
): Promise<Ticket[]> {
  const found: Ticket[] = [];
  for (const t of terminals) {
    const list = await api.get<Ticket[]>(`${TICKETS}/v1/tickets?merchantId=${t.merchantId}&limit=20`);
    const ticket = list.find((x) => x.terminalId === t.terminalId && x.channel === 'proactive');
    if (ticket) found.push(ticket);
  }
  return found;
}

async function visit(api: DemoApi, t: Ticket, now: number, fails: boolean): Promise<void> {
  const v = await api.post<{ id: string }>(`${TICKETS}/v1/tickets/${t.id}/field-visits`, {
    address: `Store of ${t.merchantId}`,
  });
  const move = (body: object) => api.post(`${TICKETS}/v1/field-visits/${v.id}/status`, body);
  await move({
    to: 'scheduled',
    engineer: 'field-eng-1',
    windowStart: new Date(now - 60 * MINUTE).toISOString(),
    windowEnd: new Date(now + 60 * MINUTE).toISOString(),
  });
  await move({ to: 'en_route' });
  await move({ to: 'on_site' });
  await move(
    fails
      ? { to: 'failed', outcome: 'Reader module out of stock; second visit needed' }
      : { to: 'done', outcome: 'Card reader module replaced', partsUsed: ['card reader module'] },
  );
}

/** The step's lines for the summary. */
export function ticketsReport(s: TicketsSummary): string[] {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const lines = [
    `${s.proactive} proactive tickets opened from terminal health (of ${s.failingTerminals} failing terminals in the world; first ${s.proactive} replayed live), median ${median(s.minutesToProactive)} min after the failures`,
    `fixed on site ${s.fixedOnSite}, fixed remotely ${s.fixedRemotely}, field visits failed ${s.failedVisits} (ticket still open: ${s.stillOpen})`,
    `resolved by themselves when the terminal transacted again: ${JSON.stringify(s.resolvedVerified)}`,
    `CSAT: ${s.surveysAnswered} answers; ${s.satisfaction.map((r) => `${r.key} ${r.meanScore.toFixed(2)} (${Math.round(r.satisfiedShare * 100)}% 4–5)`).join(', ')}`,
    `metrics: opened ${s.metrics.opened}, resolved ${s.metrics.resolved}, reopened ${s.metrics.reopened}`,
  ];
  const worked = Object.entries(s.slaWorked).map(
    ([kind, n]) =>
      `${kind.replace('_', ' ')} ${n.met} met, ${n.breached} breached` +
      (n.running ? `, ${n.running} running` : ''),
  );
  lines.push(`SLA of the ${s.proactive} tickets worked live: ${worked.join('; ') || 'no clocks'}`);
  lines.push(
    s.sla
      ? `${slaLine(s.sla)} (every ticket in the service: those of earlier demo runs too, unless DEMO_FRESH=1)`
      : 'SLA: no report (GET /v1/sla/summary failed)',
  );
  return lines;
}

/** One readable line of the SLA report: attainment and business-hour times per kind, then breaches. */
export function slaLine(sla: SlaReport): string {
  const hours = (h: number | null) => (h === null ? '–' : `${h.toFixed(2)} h`);
  const kinds = sla.kinds.map(
    (k) =>
      `${k.kind.replace('_', ' ')} ${k.met}/${k.concluded} met` +
      (k.concluded > 0 ? ` (median ${hours(k.medianBusinessHours)}, p90 ${hours(k.p90BusinessHours)})` : ''),
  );
  const breaches = sla.breaches.map((b) => `${b.kind.replace('_', ' ')} ${b.breaches} (${b.teamId})`);
  return `SLA over ${sla.tickets} tickets, business hours: ${kinds.join('; ') || 'nothing concluded'}; breaches: ${breaches.join(', ') || 'none'}`;
}
