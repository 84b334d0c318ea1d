// `npm run demo`: the whole system on local defaults — five services in production mode against the
// local Kafka/Postgres/Redis — driven by the acquirer simulator through simulated months, then a
// readable summary and a graceful shutdown. Sizes: DEMO_MERCHANTS (200), DEMO_DAYS (90), DEMO_START.
import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KafkaSink } from '../simulator/kafka.sink';
import { ProgressBar } from '../simulator/progress.bar';
import { registerWorld } from '../simulator/register.command';
import { RegistryClient } from '../simulator/registry.client';
import { runSimulation } from '../simulator/run.command';
import { generateWorld } from '../simulator/world.generator';
import type { EarlyWarningReport } from '../../apps/churn-scoring/src/backtests/backtest.runner';
import { earlyWarningTable } from '../../apps/churn-scoring/src/backtests/early-warning.table';
import { launchDemoCampaign, reportDemoCampaign } from './campaign-step';
import { consoleReport, demoConsole, startConsole } from './console-step';
import { earlyWarningStep } from './early-warning-step';
import { SmsSink, SmtpSink } from '../bench/campaigns/outreach-sinks';
import { addDays, DemoApi, sumMetric } from './demo-api';
import { careStep } from './demo-care';
import { loyaltyStep } from './demo-loyalty';
import {
  CHURN,
  groundTruthBacktest,
  INGESTION,
  ingestionTotals,
  REGISTRY,
  registryTier,
  rescore,
  risksOf,
  waitForIngestion,
} from './demo-steps';
import {
  demoAcquirerSecrets,
  demoApiKey,
  demoPiiKeys,
  RunningService,
  startServices,
  stopServices,
  waitReady,
} from './service-processes';
import { screenshotsStep } from './screenshots-step';
import { runTicketsStep, ticketsReport } from './tickets-step';

// Compiled to <distDir>/tools/demo; the repository root is the folder holding <distDir>.
const distDir = join(__dirname, '..', '..');
const root = join(distDir, '..');
const merchants = Number(process.env.DEMO_MERCHANTS ?? 200);
const days = Number(process.env.DEMO_DAYS ?? 90);
const start = process.env.DEMO_START ?? '2026-07-01';
const end = addDays(start, days);
const seed = Number(process.env.DEMO_SEED ?? Date.now() % 1_000_000);
const acquirerId = `ACQ-DEMO-${seed}`;
const fmt = (n: number) => n.toLocaleString('en-US');
const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('en-US', { maximumFractionDigits: 2 })}`;

function section(title: string): void {
  console.log(`\n── ${title} ${'─'.repeat(Math.max(0, 70 - title.length))}`);
}

async function simulate(api: DemoApi, secret: string) {
  const world = generateWorld({ merchants, seed, acquirerId, horizonDays: days });
  console.log(`world: ${merchants} merchants, seed ${seed}, ${start} … ${addDays(end, -1)} (${days} days)`);
  const registered = await registerWorld(world, new RegistryClient({ baseUrl: REGISTRY, apiKey: secret }), {
    concurrency: 16,
    progress: new ProgressBar(process.stderr, true),
  });
  if (registered.failed > 0) throw new Error(`${registered.failed} merchants failed to register`);
  const sink = new KafkaSink((process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','));
  try {
    const { report, summary } = await runSimulation(world, sink, {
      start,
      days,
      batchSize: 2_000,
      progress: new ProgressBar(process.stderr, true),
    });
    const truthFile = join(root, '.infra', 'demo', `ground-truth-${seed}.json`);
    writeFileSync(truthFile, JSON.stringify(report));
    return { world, registered, report, summary, truthFile };
  } finally {
    await sink.close();
  }
}

async function main(): Promise<void> {
  const key = demoApiKey();
  // ops-console: role keys every service accepts, accounts with generated passwords (console-step.ts).
  const opsConsoleSetup = demoConsole();
  // The simulator posts over Kafka; the gateway still needs a real secret to start in production mode.
  const acquirer = demoAcquirerSecrets(acquirerId);
  // Production mode: /metrics needs a scrape token; the demo reads it as Prometheus would.
  const metricsToken = randomBytes(32).toString('base64url');
  const api = new DemoApi(key.secret, metricsToken);
  const logDir = join(root, '.infra', 'demo', 'logs');
  // The simulated "today" is the day after the span: services judge dormancy from there.
  const clockStart = `${end}T01:00:00.000Z`;
  // Local stand-ins for the acquirer's SMS gateway and mail relay (reactivation-campaigns sends through them).
  const smsGateway = await new SmsSink().start();
  const mailRelay = await new SmtpSink().start();
  console.log(`starting five services in production mode, clock ${clockStart} (logs in ${logDir}) ...`);
  const services = startServices(distDir, logDir, {
    API_KEYS: JSON.stringify([...JSON.parse(key.apiKeysJson), ...opsConsoleSetup.apiKeys]),
    METRICS_TOKEN: metricsToken,
    PII_ENCRYPTION_KEYS: demoPiiKeys(join(root, '.infra', 'demo')),
    ACQUIRER_SECRETS: acquirer.acquirerSecretsJson,
    CLOCK_START: clockStart,
    // reactivation-campaigns calls the registry (loyalty fee relief, terminal recall) with the demo key.
    REGISTRY_API_KEY: key.secret,
    // after-sales-tickets signs its CSAT survey links; production refuses the public development secret.
    SURVEY_TOKEN_SECRET: randomBytes(32).toString('base64url'),
    SMS_GATEWAY_URL: smsGateway.url,
    SMS_GATEWAY_API_KEY: randomBytes(24).toString('base64url'),
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(mailRelay.port),
    SMTP_USER: 'demo',
    SMTP_PASSWORD: randomBytes(24).toString('base64url'),
    // The demo's own polling of per-day reconciliation is ~190 requests a round.
    RATE_LIMIT_PER_MINUTE: '60000',
  });
  let exitCode = 0;
  let opsConsole: RunningService | undefined;
  try {
    await waitReady(services);
    console.log('all five services ready (Postgres, Kafka, Redis, consumers)');
    // ops-console: started once the services answer (its readiness checks them), open during the run.
    opsConsole = startConsole(distDir, logDir, {
      ...opsConsoleSetup.env,
      API_KEYS: key.apiKeysJson,
      METRICS_TOKEN: metricsToken,
    });
    const consoleReady = await waitReady([opsConsole], 60_000).then(
      () => true,
      (error: Error) => {
        console.log(`ops console did not start: ${error.message} (log ${join(logDir, 'ops-console.log')})`);
        exitCode = 1;
        return false;
      },
    );
    if (consoleReady) console.log(`ops console ready at http://localhost:3006 (sign-ins at the end)`);
    // Unreadable messages are booked under acquirer "unknown", shared with earlier demo runs: count the delta.
    const before = await ingestionTotals(api, acquirerId, start, end);
    // campaigns-core: a triggered win-back campaign listens before any traffic: churn scoring rescores
    // merchants live as their activity arrives, so the risk changes that enrol them come during the run.
    const campaignId = await launchDemoCampaign(api);
    const sim = await simulate(api, key.secret);
    const ingested = await waitForIngestion(
      api,
      sim.world.acquirerId,
      { from: start, to: end },
      sim.summary.messages,
      before,
    );
    const run = await rescore(api);
    const risks = await risksOf(api, `S${seed}-`);
    const asOf = addDays(end, -31);
    const backtest = groundTruthBacktest(distDir, sim.truthFile, asOf);
    // The simulator plans dormancies to be confirmed within the span: they start by end − 30.
    const earlyAsOf = addDays(end, -60);
    const early = groundTruthBacktest(distDir, sim.truthFile, earlyAsOf, 'early-warning');
    const ingestMetrics = await api.metrics(INGESTION);
    // After-sales last: it moves the ingestion and tickets clocks forward.
    const tickets = await runTicketsStep(api, acquirerId, sim.report.failingTerminals, seed).catch(
      (error: Error) => error,
    );

    section('acquirer traffic (simulator)');
    console.log(
      `registered ${sim.registered.active} merchants and ${sim.registered.terminals} terminals through the registry API`,
    );
    console.log(
      `sent ${fmt(sim.summary.messages)} messages: ${fmt(sim.summary.events)} transactions, ` +
        `${fmt(sim.summary.duplicates)} duplicate deliveries, ${fmt(sim.summary.malformed)} malformed (${Math.round(sim.summary.messagesPerSecond)} msg/s)`,
    );
    section('ingestion accounting (GET /v1/reconciliation)');
    console.log(
      `received ${fmt(ingested.received)} = accepted ${fmt(ingested.accepted)} + duplicate ${fmt(ingested.duplicate)} + rejected ${fmt(ingested.rejected)}` +
        `  → ${ingested.received === ingested.accepted + ingested.duplicate + ingested.rejected ? 'balanced' : 'NOT BALANCED'}`,
    );
    console.log(`rejected by reason: ${JSON.stringify(ingested.rejectedByReason)}`);
    console.log(`accepted volume ${yuan(ingested.acceptedAmountMinor)}, fees ${yuan(ingested.feeMinor)}`);
    console.log(`dead letters published: ${sumMetric(ingestMetrics, 'pulse_dead_letters_total{')}`);
    console.log(
      `matches the simulator: received ${ingested.received === sim.summary.messages ? 'yes' : 'no'}, ` +
        `duplicates ${ingested.duplicate === sim.summary.duplicates ? 'yes' : 'no'}`,
    );

    section('churn risk (churn-scoring)');
    console.log(`rescoring run ${run.jobId}: ${JSON.stringify(run.result)}`);
    const tiers: Record<string, number> = {};
    for (const r of risks) tiers[r.behaviourTier] = (tiers[r.behaviourTier] ?? 0) + 1;
    console.log(`behaviour tiers: ${JSON.stringify(tiers)}`);
    const dormantTruth = new Set(sim.report.dormantMerchants.map((d) => d.merchantId));
    console.log(`ground truth: ${dormantTruth.size} merchants went dormant in the span`);
    console.log('highest risk now:');
    for (const r of risks.slice(0, 5)) {
      const truth = dormantTruth.has(r.merchantId) ? 'truly dormant' : 'still trading';
      console.log(
        `  ${r.merchantId.padEnd(14)} score ${String(r.score).padStart(3)} ${r.behaviourTier.padEnd(9)} (${truth})`,
      );
      for (const reason of r.reasons.slice(0, 3)) console.log(`      - ${reason.message}`);
    }
    if (risks[0])
      console.log(
        `registry view of ${risks[0].merchantId}: ${JSON.stringify(await registryTier(api, risks[0].merchantId))}`,
      );
    section('reactivation campaign (triggered by churn risk; simulated response with a known lift)');
    const scenarios = new Map(sim.world.merchants.map((m) => [m.merchantId, m.scenario.kind]));
    await reportDemoCampaign(
      api,
      campaignId,
      (id) => scenarios.get(id),
      (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    ).catch((error: Error) => {
      console.log(`campaign step failed: ${error.message}`);
      exitCode = 1;
    });
    if (backtest) {
      const s = backtest.score as { auc: number; topDecileLift: number };
      const r = backtest.recency as { auc: number; topDecileLift: number };
      section(`backtest vs ground truth (as of ${asOf}, 30-day horizon)`);
      console.log(`score   AUC ${s.auc.toFixed(3)}  top-decile lift ${s.topDecileLift.toFixed(2)}`);
      console.log(`recency AUC ${r.auc.toFixed(3)}  top-decile lift ${r.topDecileLift.toFixed(2)}`);
    }
    if (early?.earlyWarning) {
      section(
        `early warning vs ground truth (as of ${earlyAsOf}: ${early.merchants} merchants still trading, ${early.positives} start a 30-day dormancy within 30 days)`,
      );
      for (const line of earlyWarningTable(early.earlyWarning as EarlyWarningReport)) console.log(line);
    }
    await earlyWarningStep(api, CHURN, `S${seed}-`, section);
    await loyaltyStep(
      api,
      risks.map((r) => r.merchantId),
      section,
    );
    await careStep(
      api,
      risks.map((r) => r.merchantId),
      section,
    ).catch((error: Error) => console.log(`care step failed: ${error.message}`));
    section('after-sales tickets (proactive, verified, field visits, CSAT)');
    if (tickets instanceof Error) console.log(`tickets step failed: ${tickets.message}`);
    else for (const line of ticketsReport(tickets)) console.log(line);
    console.log(
      `local SMS gateway received ${smsGateway.accepted.length} messages, mail relay ${mailRelay.received.length}`,
    );
    section('services');
    for (const s of services) {
      const ready = await fetch(`${s.url}/health/ready`).then((x) => x.status);
      const pending = sumMetric(await api.metrics(s.url), 'pulse_outbox_pending');
      console.log(`${s.name.padEnd(24)} ready ${ready}  outbox pending ${pending}  docs ${s.url}/docs`);
    }
    console.log(`churn model: ${JSON.stringify(await api.get(`${CHURN}/v1/models/current`)).slice(0, 160)}…`);
    const webBuilt = existsSync(join(distDir, 'apps', 'ops-console', 'web', 'index.html'));
    // Each console screen from this run's data (docs/console/demo), while everything still runs.
    if (consoleReady && webBuilt && opsConsole) {
      section('console screenshots');
      const shots = await screenshotsStep({
        root,
        consoleUrl: opsConsole.url,
        signIns: opsConsoleSetup.signIns,
        flaggedMerchantId: risks[0]?.merchantId,
        campaignId,
        acquirerId,
        businessDate: addDays(end, -1),
      });
      for (const line of shots) console.log(line);
    }
    // ops-console: where it is and one sign-in per role; DEMO_KEEP_RUNNING=1 keeps everything up for it.
    section('ops console');
    for (const line of consoleReport(opsConsoleSetup, webBuilt)) console.log(line);
    if (process.env.DEMO_KEEP_RUNNING === '1') {
      console.log('DEMO_KEEP_RUNNING=1: services and console stay up; Ctrl-C stops them');
      await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
    } else console.log('(the console stops with the demo; run with DEMO_KEEP_RUNNING=1 to keep it up)');
  } catch (error) {
    console.error(`\ndemo failed: ${(error as Error).message}`);
    exitCode = 1;
  } finally {
    const codes = await stopServices(opsConsole ? [...services, opsConsole] : services);
    await Promise.all([smsGateway.stop(), mailRelay.stop()]);
    console.log(
      `\ngraceful shutdown: ${Object.entries(codes)
        .map(([n, c]) => `${n}=${c}`)
        .join(' ')}`,
    );
  }
  process.exit(exitCode);
}

void main();
