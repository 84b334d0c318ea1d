// Benchmark: N enrolments (default 100,000) dispatched by the BullMQ outreach workers through every
// send-time guard to a real local SMTP server and a local HTTP SMS gateway, on real Postgres and Redis.
// Usage: node dist/tools/bench/campaigns.bench.js [enrolments=100000] [smsPerSecond=1000] [emailPerSecond=300]
// Env: BENCH_WORKER_PROCESSES (default 2) outreach worker replicas, each with BENCH_CONCURRENCY (default 40) jobs
// per channel queue; BENCH_MAX_SECONDS (default 3000) ends the wait and reports what was sent by then
// (`completed: false`). The enrolling process also hosts the sinks; the workers are separate processes, as
// replicas of the worker entrypoint would be (the rate gate is shared through Redis).
// Prints progress on stderr and one JSON line: jobs/s, p50/p99 enrol→send latency, and rate-limit accuracy
// (most sends seen by a sink in any sliding 1-s window, per channel, against the configured limit).
// The merchant context comes from memory and the registry's outreach-contact endpoint is a local stand-in
// (the guards, send records, cap query, outbox events, BullMQ queues and channels are the real code).
import 'reflect-metadata';
import { SettableClock } from '@merchant-pulse/clock';
import { loadConfig } from '@merchant-pulse/config';
import { createServiceDataSource } from '@merchant-pulse/database';
import { createLogger, MetricsService } from '@merchant-pulse/observability';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { ChildProcess, fork } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { ChannelRateGate } from '../../apps/reactivation-campaigns/src/channels/channel-rate.gate';
import { SmtpEmailSender } from '../../apps/reactivation-campaigns/src/channels/email/smtp-email.sender';
import { PhoneTaskRepository } from '../../apps/reactivation-campaigns/src/channels/phone-tasks/phone-task.repository';
import { PhoneTaskSender } from '../../apps/reactivation-campaigns/src/channels/phone-tasks/phone-task.sender';
import { HttpSmsSender } from '../../apps/reactivation-campaigns/src/channels/sms/http-sms.sender';
import { ReactivationCampaignsConfig } from '../../apps/reactivation-campaigns/src/config/reactivation-campaigns.config';
import { reactivationMigrations } from '../../apps/reactivation-campaigns/src/database/reactivation-campaigns.migrations';
import {
  MerchantContext,
  MerchantContextReader,
} from '../../apps/reactivation-campaigns/src/merchants/merchant-context';
import { OfferAcceptanceRepository } from '../../apps/reactivation-campaigns/src/offers/offer-acceptance.repository';
import { MerchantFeeRates } from '../../apps/reactivation-campaigns/src/offers/merchant-fee-rates';
import { MerchantProjectionsRepository } from '../../apps/reactivation-campaigns/src/merchants/merchant-projections.repository';
import { OfferCostEstimator } from '../../apps/reactivation-campaigns/src/offers/offer-cost.estimator';
import { AcceptOfferUseCase } from '../../apps/reactivation-campaigns/src/offers/use-cases/accept-offer/accept-offer.use-case';
import { BullMqOutreachScheduler } from '../../apps/reactivation-campaigns/src/outreach/bullmq-outreach.scheduler';
import { OutreachMetrics } from '../../apps/reactivation-campaigns/src/outreach/outreach.metrics';
import { SendRecordRepository } from '../../apps/reactivation-campaigns/src/outreach/send-record.repository';
import { DispatchStepUseCase } from '../../apps/reactivation-campaigns/src/outreach/use-cases/dispatch-step/dispatch-step.use-case';
import { SendOnChannel } from '../../apps/reactivation-campaigns/src/outreach/use-cases/dispatch-step/send-on-channel';
import { ResolveUnknownSend } from '../../apps/reactivation-campaigns/src/outreach/use-cases/dispatch-step/resolve-unknown-send';
import { SendRecordOutcomes } from '../../apps/reactivation-campaigns/src/outreach/use-cases/dispatch-step/send-record-outcomes';
import { MerchantRegistryClient } from '../../apps/reactivation-campaigns/src/registry/merchant-registry.client';
import { CampaignQueues } from '../../apps/reactivation-campaigns/src/reactivation-campaigns.queues';
import { SmsSink, SmtpSink } from './campaigns/outreach-sinks';

/** Every 50th merchant is suspended (skipped by the status guard); a third of the rest get email. */
const suspended = (i: number) => i % 50 === 0;
const usesEmail = (i: number) => i % 3 === 0;

class MemoryContexts extends MerchantContextReader {
  async read(merchantId: string): Promise<MerchantContext | null> {
    const i = Number(merchantId.slice(2));
    return {
      merchantId,
      status: suspended(i) ? 'suspended' : 'active',
      kind: 'individual',
      legalEntityId: merchantId,
      displayName: `商户${i}`,
      timezone: 'Asia/Shanghai',
      region: null,
      city: null,
      category: 'retail',
      behaviourTier: 'dormant',
      valueTier: 'mid',
      riskBand: 'high',
      riskScore: 0.7,
      reasonCodes: ['inactive_days'],
      lastApprovedDate: '2026-01-20',
      hourHistogram: new Array(24).fill(1),
      channelMix: { credit: 0.6, qr_wechat: 0.4 },
      trailingFeeMinor: 0,
      trailingVolumeMinor: 0,
      openTickets: [],
      degradedTerminals: [],
    };
  }
}

/** Stand-in for the registry's outreach-contact endpoint: consent everywhere, a phone and an email. */
async function startRegistryStandIn(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    const m = /\/v1\/merchants\/([^/]+)\/outreach-contact\?channel=(\w+)/.exec(req.url ?? '');
    if (!m) return res.writeHead(404).end();
    const [, id, channel] = m;
    const n = id.slice(2).padStart(8, '0');
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        merchantId: id,
        status: 'active',
        displayName: `商户${n}`,
        contactName: '店主',
        timezone: 'Asia/Shanghai',
        channel,
        address: channel === 'email' ? `${id}@example.com` : `139${n}`,
        addressMasked: channel === 'email' ? 'm***@example.com' : `139****${n.slice(-4)}`,
        consent: { service: true, marketing: true },
        quietHours: { start: '21:00', end: '08:00' },
      }),
    );
  });
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** Most events within any sliding window of `windowMs`. */
function maxInWindow(timesMs: number[], windowMs: number): number {
  const t = [...timesMs].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < t.length; i++) {
    while (t[i] - t[j] >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

/** The machine is shared: a schedule() that cannot get a connection in time is tried again (as a consumer would). */
async function withRetry<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await work();
    } catch (error) {
      if (i >= attempts) throw error;
      await new Promise((r) => setTimeout(r, 500 * i));
    }
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

type Channel = 'sms' | 'email' | 'phone_task';

/** The outreach stack as the service wires it, on the given data source (workers on or off). */
function buildOutreach(
  config: ReactivationCampaignsConfig,
  ds: ReturnType<typeof createServiceDataSource>,
  onAdmit: (channel: Channel) => void,
) {
  const logger = createLogger({ service: 'campaigns-bench', level: 'error' });
  // Runs at wall-clock speed from 10:00 in Shanghai on a Monday: inside business hours for ~10 h.
  const clock = new SettableClock('2026-03-02T02:00:00.000Z');
  const metrics = new OutreachMetrics(new MetricsService({ defaultMetrics: false }));
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
  // Records when each hand-over was admitted (what the limit governs), beside when the sinks saw it.
  const gate = new (class extends ChannelRateGate {
    override async acquire(channel: Channel): Promise<void> {
      await super.acquire(channel);
      onAdmit(channel);
    }
  })(redis, config);
  const records = new SendRecordRepository(ds);
  const contexts = new MemoryContexts();
  const registryClient = new MerchantRegistryClient(config);
  const accept = new AcceptOfferUseCase(
    new OfferAcceptanceRepository(ds),
    registryClient,
    contexts,
    new OfferCostEstimator(config),
    new MerchantFeeRates(new MerchantProjectionsRepository(), ds, registryClient),
    clock,
  );
  const senders = {
    sms: new HttpSmsSender(config),
    email: new SmtpEmailSender(config),
    phone_task: new PhoneTaskSender(new PhoneTaskRepository(ds), clock),
  };
  const dispatch = new DispatchStepUseCase(
    records,
    contexts,
    registryClient,
    new SendOnChannel(records, metrics, gate),
    new SendRecordOutcomes(records, metrics),
    new ResolveUnknownSend(records, metrics),
    accept,
    metrics,
    config,
    clock,
    senders,
    logger,
  );
  const scheduler = new BullMqOutreachScheduler(config, clock, records, dispatch, metrics, logger);
  scheduler.onModuleInit();
  return {
    scheduler,
    clock,
    close: async () => {
      await scheduler.onApplicationShutdown();
      senders.email.onApplicationShutdown();
      redis.disconnect();
    },
  };
}

/** A worker replica: runs the outreach workers until told to stop; reports admissions to the parent. */
async function workerMain(env: Record<string, string>): Promise<void> {
  const config = loadConfig(ReactivationCampaignsConfig, { ...env, RUN_OUTREACH_WORKERS: 'true' });
  const ds = createServiceDataSource({
    url: config.DATABASE_URL,
    schema: config.DATABASE_SCHEMA,
    applicationName: 'campaigns-bench-worker',
    poolSize: Number(process.env.BENCH_POOL_SIZE ?? 30),
  });
  await ds.initialize();
  let admitted: Array<[Channel, number]> = [];
  const outreach = buildOutreach(config, ds, (channel) => admitted.push([channel, Date.now()]));
  const flush = setInterval(() => {
    if (admitted.length > 0) process.send!({ admitted });
    admitted = [];
  }, 500);
  process.send!({ ready: true });
  await new Promise<void>((resolve) => process.on('message', (m: { stop?: boolean }) => m.stop && resolve()));
  await outreach.close();
  clearInterval(flush);
  if (admitted.length > 0) process.send!({ admitted });
  await ds.destroy();
  process.send!({ stopped: true });
  process.disconnect();
}

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 100_000);
  const smsRate = Number(process.argv[3] ?? 1000);
  const emailRate = Number(process.argv[4] ?? 300);
  const replicas = Number(process.env.BENCH_WORKER_PROCESSES ?? 2);
  const maxSeconds = Number(process.env.BENCH_MAX_SECONDS ?? 3000);
  const url = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/merchant_pulse';
  const run = `bench_campaigns_${Date.now().toString(36)}`;
  const smtp = await new SmtpSink().start();
  const sms = await new SmsSink().start();
  const registry = await startRegistryStandIn();
  const env: Record<string, string> = {
    DATABASE_URL: url,
    DATABASE_SCHEMA: run,
    LOG_LEVEL: 'error',
    OUTREACH_QUEUE_PREFIX: run,
    OUTREACH_SMS_PER_SECOND: String(smsRate),
    OUTREACH_EMAIL_PER_SECOND: String(emailRate),
    OUTREACH_CONCURRENCY: process.env.BENCH_CONCURRENCY ?? '40',
    REGISTRY_URL: registry.url,
    SMTP_PORT: String(smtp.port),
    SMS_GATEWAY_URL: sms.url,
  };
  const config = loadConfig(ReactivationCampaignsConfig, { ...env, RUN_OUTREACH_WORKERS: 'false' });
  const admin = createServiceDataSource({ url, schema: 'public', applicationName: 'campaigns-bench-admin' });
  await admin.initialize();
  await admin.query(`CREATE SCHEMA "${run}"`);
  const ds = createServiceDataSource({
    url,
    schema: run,
    applicationName: 'campaigns-bench',
    migrations: reactivationMigrations,
    poolSize: 10,
  });
  await ds.initialize();
  await ds.runMigrations();
  const admitted: Record<Channel, number[]> = { sms: [], email: [], phone_task: [] };
  const enroller = buildOutreach(config, ds, () => undefined);
  const { scheduler, clock } = enroller;
  const workers: ChildProcess[] = [];
  await Promise.all(
    Array.from(
      { length: replicas },
      () =>
        new Promise<void>((resolve) => {
          const child = fork(__filename, [], {
            env: { ...process.env, BENCH_WORKER_ENV: JSON.stringify(env) },
          });
          child.on('message', (m: { ready?: boolean; admitted?: Array<[Channel, number]> }) => {
            if (m.ready) resolve();
            for (const [channel, at] of m.admitted ?? []) admitted[channel].push(at);
          });
          workers.push(child);
        }),
    ),
  );

  try {
    const enrolledAt = new Map<string, number>();
    const started = performance.now();
    const startedWall = Date.now();
    const loadSamples: number[] = [];
    const sampler = setInterval(() => loadSamples.push(loadavg()[0]), 5000);
    // Enrolment is batched as the hand-off job does it: one insert and one bulk add per chunk.
    const chunk = Number(process.env.BENCH_ENROL_CHUNK ?? 500);
    let next = 0;
    const enrolChunk = async (): Promise<void> => {
      for (
        let from = next, to = Math.min(n, from + chunk);
        from < n;
        from = next, to = Math.min(n, from + chunk)
      ) {
        next = to;
        const t = Date.now();
        const batch = Array.from({ length: to - from }, (_, k) => {
          const i = from + k;
          const merchantId = `BM${String(i).padStart(8, '0')}`;
          return {
            enrolmentId: `bench:${merchantId}`,
            campaignId: 'CMP-BENCH',
            merchantId,
            arm: 'treatment' as const,
            enrolledAt: clock.now(),
            validUntil: new Date(clock.nowMs() + 14 * 86_400_000),
            variables: { reason: '您已30天没有交易' },
            steps: [
              {
                index: 0,
                channel: usesEmail(i) ? ('email' as const) : ('sms' as const),
                fallbackChannels: [],
                delayDays: 0,
                templateId: 'reactivation-default',
                purpose: 'marketing' as const,
                onlyIfNotReactivated: true,
                valueTiers: [],
              },
            ],
          };
        });
        await withRetry(() => scheduler.scheduleMany(batch));
        for (const e of batch) enrolledAt.set(e.merchantId, t);
        if (Math.floor(to / 10_000) > Math.floor(from / 10_000))
          console.error(`campaigns bench: enrolled ${to}`);
      }
    };
    await Promise.all(Array.from({ length: 2 }, enrolChunk));
    const enrolSeconds = (performance.now() - started) / 1000;
    console.error(`campaigns bench: ${n} enrolled in ${enrolSeconds.toFixed(1)} s; waiting for the workers`);

    const expected = Array.from({ length: n }, (_, i) => i).filter((i) => !suspended(i)).length;
    let lastReport = 0;
    const deadline = startedWall + maxSeconds * 1000;
    while (sms.accepted.length + smtp.received.length < expected && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      const done = sms.accepted.length + smtp.received.length;
      if (done - lastReport >= 10_000) {
        lastReport = done;
        console.error(
          `campaigns bench: ${done}/${expected} sent after ${((Date.now() - startedWall) / 1000).toFixed(0)} s`,
        );
      }
    }
    const finishedWall = Date.now();
    clearInterval(sampler);
    // The sink may answer before the worker records the delivery: let the last records land.
    await new Promise((r) => setTimeout(r, 2000));
    const [counts] = await ds.query(`SELECT count(*) FILTER (WHERE state = 'delivered')::int AS delivered,
                       count(*) FILTER (WHERE state = 'skipped')::int AS skipped FROM outreach_send`);
    const skippedSoFar: number = counts.skipped;
    const latencies: number[] = [];
    for (const m of sms.accepted) latencies.push(m.receivedAtMs - enrolledAt.get(`BM${m.to.slice(3)}`)!);
    for (const m of smtp.received) latencies.push(m.receivedAtMs - enrolledAt.get(m.to[0].split('@')[0])!);
    latencies.sort((a, b) => a - b);
    const smsPeak = maxInWindow(
      sms.accepted.map((m) => m.receivedAtMs),
      1000,
    );
    const emailPeak = maxInWindow(
      smtp.received.map((m) => m.receivedAtMs),
      1000,
    );
    const seconds = (finishedWall - startedWall) / 1000;
    console.log(
      JSON.stringify({
        bench: 'campaigns',
        enrolments: n,
        completed: sms.accepted.length + smtp.received.length >= expected,
        workerProcesses: replicas,
        concurrencyPerQueue: Number(env.OUTREACH_CONCURRENCY),
        loadAverage: loadavg().map((l) => Number(l.toFixed(2))),
        sends: sms.accepted.length + smtp.received.length,
        sms: sms.accepted.length,
        email: smtp.received.length,
        deliveredRecords: counts.delivered,
        skippedRecords: counts.skipped,
        duplicates: sms.accepted.length - new Set(sms.accepted.map((m) => m.reference)).size,
        smsIdempotentReplays: sms.received.filter((m) => m.replayed).length,
        emailDuplicateMessageIds: smtp.duplicateMessageIds,
        loadAverageDuringRun: Number(
          (loadSamples.reduce((a, b) => a + b, 0) / Math.max(1, loadSamples.length)).toFixed(2),
        ),
        enrolSeconds: Number(enrolSeconds.toFixed(1)),
        totalSeconds: Number(seconds.toFixed(1)),
        jobsPerSecond: Math.round((sms.accepted.length + smtp.received.length + skippedSoFar) / seconds),
        latencyMs: {
          p50: percentile(latencies, 0.5),
          p99: percentile(latencies, 0.99),
          max: latencies[latencies.length - 1],
        },
        rateLimit: {
          sms: {
            limitPerSecond: smsRate,
            admittedMaxInAnySlidingSecond: maxInWindow(admitted.sms, 1000),
            sinkMaxInAnySlidingSecond: smsPeak,
          },
          email: {
            limitPerSecond: emailRate,
            admittedMaxInAnySlidingSecond: maxInWindow(admitted.email, 1000),
            sinkMaxInAnySlidingSecond: emailPeak,
          },
        },
      }),
    );
  } finally {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            w.on('exit', () => resolve());
            w.send({ stop: true });
          }),
      ),
    );
    await enroller.close();
    for (const channel of ['sms', 'email', 'phone_task'] as const) {
      const q = new Queue(CampaignQueues.Outreach[channel], {
        connection: { url: config.REDIS_URL },
        prefix: run,
      });
      await q.obliterate({ force: true });
      await q.close();
    }
    await ds.destroy();
    await admin.query(`DROP SCHEMA "${run}" CASCADE`);
    await admin.destroy();
    await Promise.all([smtp.stop(), sms.stop(), registry.close()]);
  }
}

if (process.env.BENCH_WORKER_ENV) {
  workerMain(JSON.parse(process.env.BENCH_WORKER_ENV) as Record<string, string>).catch((error) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
