import { ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The five services with their ports (DESIGN.md). */
export const SERVICES = [
  { name: 'merchant-registry', port: 3001 },
  { name: 'transaction-ingestion', port: 3002 },
  { name: 'churn-scoring', port: 3003 },
  { name: 'reactivation-campaigns', port: 3004 },
  { name: 'after-sales-tickets', port: 3005 },
] as const;

export type ServiceName = (typeof SERVICES)[number]['name'];

export interface RunningService {
  name: ServiceName | 'ops-console';
  url: string;
  process: ChildProcess;
}

/** A one-off admin key for the demo: its secret and the API_KEYS entry every service gets. */
export function demoApiKey(): { secret: string; apiKeysJson: string } {
  const secret = randomBytes(24).toString('base64url');
  const sha256 = createHash('sha256').update(secret).digest('hex');
  return { secret, apiKeysJson: JSON.stringify([{ id: 'demo-admin', sha256, scopes: ['*'] }]) };
}

/**
 * A one-off HMAC secret for the demo's acquirer and the ACQUIRER_SECRETS transaction-ingestion gets:
 * production mode refuses to start without real acquirer secrets (and refuses the public dev one).
 */
export function demoAcquirerSecrets(acquirerId: string): { secret: string; acquirerSecretsJson: string } {
  const secret = randomBytes(32).toString('base64url');
  return { secret, acquirerSecretsJson: JSON.stringify({ [acquirerId]: [secret] }) };
}

/**
 * The demo's PII key ring, created once and kept in `<dir>/pii-keys.json` so merchants registered by
 * earlier demo runs stay readable (production mode refuses to run without real keys).
 */
export function demoPiiKeys(dir: string): string {
  const file = join(dir, 'pii-keys.json');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, JSON.stringify([{ id: 'demo1', key: randomBytes(32).toString('base64') }]), {
      mode: 0o600,
    });
  }
  return readFileSync(file, 'utf8');
}

/** Starts the built services (production mode, from `distDir`) with logs in `<logDir>/<service>.log`. */
export function startServices(
  distDir: string,
  logDir: string,
  env: Record<string, string>,
): RunningService[] {
  mkdirSync(logDir, { recursive: true });
  return SERVICES.map(({ name, port }) => {
    const log = createWriteStream(join(logDir, `${name}.log`), { flags: 'a' });
    const child = spawn(process.execPath, [join(distDir, 'apps', name, 'src', 'main.js')], {
      env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'info', PORT: String(port), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    return { name, url: `http://127.0.0.1:${port}`, process: child };
  });
}

/** Waits until every service answers 200 on /health/ready (or throws naming the ones that did not). */
export async function waitReady(services: RunningService[], timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const pending = new Set(services.map((s) => s.name));
  while (pending.size > 0) {
    for (const service of services.filter((s) => pending.has(s.name))) {
      if (service.process.exitCode !== null)
        throw new Error(`${service.name} exited with ${service.process.exitCode}`);
      const ok = await fetch(`${service.url}/health/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) pending.delete(service.name);
    }
    if (pending.size === 0) break;
    if (Date.now() > deadline) throw new Error(`not ready after ${timeoutMs} ms: ${[...pending].join(', ')}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Sends SIGTERM and waits for a clean exit (SIGKILL after 30 s); returns how each one ended. */
export async function stopServices(services: RunningService[]): Promise<Record<string, string>> {
  const codes: Record<string, string> = {};
  await Promise.all(
    services.map(
      (s) =>
        new Promise<void>((resolve) => {
          if (s.process.exitCode !== null) {
            codes[s.name] = `exit ${s.process.exitCode}`;
            return resolve();
          }
          const timer = setTimeout(() => s.process.kill('SIGKILL'), 30_000);
          // Nest closes every module on SIGTERM, then re-raises the signal: "SIGTERM" here is a clean stop.
          s.process.once('exit', (code, signal) => {
            clearTimeout(timer);
            codes[s.name] = signal ?? `exit ${code}`;
            resolve();
          });
          s.process.kill('SIGTERM');
        }),
    ),
  );
  return codes;
}
