// Benchmark of the SLA engine's timers: 10,000 open tickets with live BullMQ timers on the real engine
// (Postgres, Redis), while tickets keep being opened and updated at a steady rate. Every ticket counts
// on a 24x7 bench policy with short first-response targets, so its warning (75%) and breach (100%)
// fire during the run; lateness = service-clock firing instant − due instant.
// The SLA worker (BullMQ worker + sweep) runs in a child process, as production runs it beside HTTP.
// Usage: node dist/tools/bench/tickets.bench.js [tickets=10000] [ratePerSecond=20]
// Prints progress on stderr and one JSON line with the figures. Goal: breaches within ±1 s (p99).
import 'reflect-metadata';
import { TICKET_PRIORITIES } from '@merchant-pulse/contracts';
import { createServiceDataSource } from '@merchant-pulse/database';
import { fork } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { SlaConfigRepository } from '../../apps/after-sales-tickets/src/sla/calendars/sla-config.repository';
import { SlaSetupCache } from '../../apps/after-sales-tickets/src/sla/calendars/sla-setup.cache';
import { SlaTracker } from '../../apps/after-sales-tickets/src/sla/sla-tracker';
import { bootBenchApp } from './tickets/tickets-bench.app';

const FIRST_RESPONSE_S = { low: 150, normal: 130, high: 110, urgent: 90 } as const;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function stats(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted.length ? sorted[sorted.length - 1] : null,
    minMs: sorted.length ? sorted[0] : null,
    withinOneSecondPct: sorted.length
      ? Math.round((sorted.filter((v) => Math.abs(v) <= 1000).length / sorted.length) * 1000) / 10
      : null,
  };
}

/** Runs `work` `total` times with at most `parallel` in flight. */
async function pool(total: number, parallel: number, work: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < total) await work(next++);
    }),
  );
}

async function main(): Promise<void> {
  const tickets = Number(process.argv[2] ?? 10_000);
  const rate = Number(process.argv[3] ?? 20);
  const url = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/merchant_pulse';
  const schema = `bench_tickets_${Date.now().toString(36)}`;
  const admin = createServiceDataSource({ url, schema: 'public', applicationName: 'tickets-bench-admin' });
  await admin.initialize();
  await admin.query(`CREATE SCHEMA "${schema}"`);
  // Both processes run on the system clock (one clock for both; a settable clock runs at the same speed).
  const app = await bootBenchApp(schema, url, false);
  const worker = fork(join(__dirname, 'tickets', 'sla-worker.process.js'), [schema, url]);
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('exit', (code) => reject(new Error(`SLA worker exited with ${code}`)));
  });
  try {
    const repo = app.get(SlaConfigRepository);
    await repo.upsertPolicy({
      id: 'bench-24x7',
      name: 'Bench',
      calendarId: '24x7',
      targets: Object.fromEntries(
        TICKET_PRIORITIES.map((p) => [
          p,
          { first_response: FIRST_RESPONSE_S[p], next_response: 120, resolution: 36_000 },
        ]),
      ) as never,
      escalationLevels: 1,
    });
    await repo.upsertRule({
      id: 'bench',
      position: 0,
      description: 'bench',
      match: {},
      policyId: 'bench-24x7',
    });
    app.get(SlaSetupCache).invalidate();
    const tracker = app.get(SlaTracker);
    const open = (i: number, at = new Date()) =>
      tracker.opened(
        {
          ticketId: `B-${i}`,
          merchantId: `M-${i % 2000}`,
          category: 'device_fault',
          channel: 'phone',
          requestedPriority: TICKET_PRIORITIES[i % 4],
          teamId: `team-${i % 5}`,
          openedAt: at,
        },
        { valueTier: null, behaviourTier: null, riskBand: null },
      );

    let t = performance.now();
    await pool(tickets, 16, (i) => open(i));
    const openSeconds = (performance.now() - t) / 1000;
    const ds = app.get(DataSource);
    const [live] = await ds.query(
      `SELECT count(DISTINCT ticket_id)::int AS tickets, count(*)::int AS timers FROM sla_clocks WHERE next_fire_at IS NOT NULL`,
    );
    console.error(
      `tickets bench: opened ${tickets} in ${openSeconds.toFixed(1)} s; ${live.tickets} tickets with ${live.timers} live timers`,
    );

    // Steady load while the timers fire: `rate` new tickets and `rate` updates per second.
    let extra = tickets;
    let updates = 0;
    let running = true;
    const load = (async () => {
      while (running) {
        const tick = performance.now();
        const jobs: Array<Promise<unknown>> = [];
        for (let k = 0; k < rate; k++) {
          jobs.push(open(extra++));
          const target = `B-${Math.floor(Math.random() * tickets)}`;
          const now = new Date();
          const op = updates++ % 3;
          jobs.push(
            op === 0
              ? tracker.agentReplied(target, now)
              : op === 1
                ? tracker.priorityChanged(target, TICKET_PRIORITIES[updates % 4], now)
                : tracker.teamChanged(target, `team-${updates % 7}`, now),
          );
        }
        await Promise.all(jobs);
        await sleep(Math.max(0, 1000 - (performance.now() - tick)));
      }
    })();

    // Until every first-response timer of the initial tickets has fired or been met.
    t = performance.now();
    for (;;) {
      const [left] = await ds.query(
        `SELECT count(*)::int AS n FROM sla_clocks WHERE kind = 'first_response' AND next_fire_at IS NOT NULL
           AND ticket_id = ANY($1)`,
        [Array.from({ length: tickets }, (_, i) => `B-${i}`)],
      );
      console.error(`tickets bench: ${left.n} initial first-response timers pending`);
      if (left.n === 0) break;
      await sleep(5_000);
    }
    running = false;
    await load;
    // Stop the worker before measuring, so the figures describe one consistent state.
    const exited = new Promise((r) => worker.once('exit', r));
    worker.kill('SIGTERM');
    await exited;
    const breaches = await ds.query(
      `SELECT (extract(epoch FROM breached_at - due_at) * 1000)::int AS ms FROM sla_breaches`,
    );
    const warnings = await ds.query(
      `SELECT (extract(epoch FROM warned_at - warn_at) * 1000)::int AS ms FROM sla_clocks WHERE warned_at IS NOT NULL AND warn_at IS NOT NULL`,
    );
    // Firings (warnings + breaches) per second of service clock: the load the worker kept up with.
    const [firings] = await ds.query(
      `SELECT max(n)::int AS peak, round(avg(n))::int AS mean FROM (
         SELECT date_trunc('second', at) AS s, count(*) AS n FROM (
           SELECT breached_at AS at FROM sla_breaches
           UNION ALL SELECT warned_at FROM sla_clocks WHERE warned_at IS NOT NULL) f GROUP BY 1) per_second`,
    );
    const [escalated] = await ds.query(
      `SELECT count(*) FILTER (WHERE escalated_at IS NOT NULL)::int AS n FROM sla_breaches`,
    );
    const [dupes] = await ds.query(
      `SELECT count(*)::int AS n FROM (SELECT event_id FROM outbox GROUP BY event_id HAVING count(*) > 1) d`,
    );
    const [events] = await ds.query(
      `SELECT count(*) FILTER (WHERE event_type = 'TicketSlaBreached')::int AS breached,
              count(*) FILTER (WHERE event_type = 'TicketSlaWarned')::int AS warned FROM outbox`,
    );
    console.log(
      JSON.stringify({
        tickets,
        liveTimersAfterOpening: live.timers,
        openSeconds: Number(openSeconds.toFixed(1)),
        steadyRatePerSecond: { opened: rate, updated: rate },
        extraTicketsOpened: extra - tickets,
        updates,
        firingWindowSeconds: Number(((performance.now() - t) / 1000).toFixed(1)),
        breachLateness: stats(breaches.map((r: { ms: number }) => r.ms)),
        warningLateness: stats(warnings.map((r: { ms: number }) => r.ms)),
        firingsPerSecond: { peak: firings.peak, mean: firings.mean },
        breachEvents: events.breached,
        warningEvents: events.warned,
        escalationsConfirmed: escalated.n,
        loadAverage1m: Number(loadavg()[0].toFixed(1)),
        cores: cpus().length,
        duplicateEvents: dupes.n,
      }),
    );
  } finally {
    if (worker.exitCode === null) {
      const stopped = new Promise((r) => worker.once('exit', r));
      worker.kill('SIGTERM');
      await stopped;
    }
    await app.close();
    if (!process.env.KEEP_BENCH_SCHEMA) await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
    await admin.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
