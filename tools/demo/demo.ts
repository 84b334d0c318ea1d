// `npm run demo`: the whole system on local defaults — five services in production mode against the
// local Kafka/Postgres/Redis — then a readable summary, then a graceful shutdown.
import { join } from 'node:path';
import { demoApiKey, RunningService, startServices, stopServices, waitReady } from './service-processes';

const root = join(__dirname, '..', '..', '..');

async function metric(url: string, name: string): Promise<string> {
  const text = await fetch(`${url}/metrics`).then((r) => r.text());
  const line = text.split('\n').find((l) => l.startsWith(name));
  return line ? line.slice(name.length).trim() : 'n/a';
}

async function summary(services: RunningService[], secret: string): Promise<void> {
  console.log('\nmerchant-pulse demo summary');
  console.log('service                  ready  outbox-pending  docs');
  for (const s of services) {
    const ready = await fetch(`${s.url}/health/ready`).then((r) => r.status);
    const info = (await fetch(`${s.url}/v1/service`, { headers: { authorization: `Bearer ${secret}` } }).then(
      (r) => r.json(),
    )) as { service: string };
    const pending = await metric(s.url, 'pulse_outbox_pending');
    console.log(`${info.service.padEnd(24)} ${String(ready).padEnd(6)} ${pending.padEnd(15)} ${s.url}/docs`);
  }
}

async function main(): Promise<void> {
  const key = demoApiKey();
  const logDir = join(root, '.infra', 'demo', 'logs');
  console.log(`starting five services (logs in ${logDir}) ...`);
  const services = startServices(root, logDir, { API_KEYS: key.apiKeysJson });
  let exitCode = 0;
  try {
    await waitReady(services);
    console.log('all five services ready');
    await summary(services, key.secret);
  } catch (error) {
    console.error(`demo failed: ${(error as Error).message}`);
    exitCode = 1;
  } finally {
    const codes = await stopServices(services);
    console.log(
      `\ngraceful shutdown: ${Object.entries(codes)
        .map(([n, c]) => `${n}=${c}`)
        .join(' ')}`,
    );
  }
  process.exit(exitCode);
}

void main();
