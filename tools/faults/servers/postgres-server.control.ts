import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { testInfra } from '@merchant-pulse/testing';
import { loadImage, saveImage, waitUntil } from './process-image';

const exec = promisify(execFile);
const IMAGE = 'postgres-cluster';

export async function postgresAnswers(): Promise<boolean> {
  const client = new Client({ connectionString: testInfra.adminDatabaseUrl, connectionTimeoutMillis: 2_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function adminQuery<R>(sql: string, params: unknown[] = []): Promise<R[]> {
  const client = new Client({ connectionString: testInfra.adminDatabaseUrl, connectionTimeoutMillis: 3_000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as R[];
  } finally {
    await client.end();
  }
}

/** Terminates every backend of `applicationName` (the service's pool); returns how many. */
export async function terminateConnections(applicationName: string): Promise<number> {
  const [row] = await adminQuery<{ n: string }>(
    `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) AS n FROM pg_stat_activity
      WHERE application_name = $1 AND pid <> pg_backend_pid()`,
    [applicationName],
  );
  return Number(row.n);
}

/** The Debian cluster (`15/main`) serving the project database; remembered for a later start. */
async function cluster(): Promise<[string, string]> {
  const rows = await adminQuery<{ cluster_name: string }>('SHOW cluster_name').catch(() => []);
  const name = rows[0]?.cluster_name;
  if (name && /^[\w.]+\/[\w.-]+$/.test(name)) {
    saveImage(IMAGE, { argv: name.split('/'), cwd: '/', env: {} });
    return name.split('/') as [string, string];
  }
  const saved = loadImage(IMAGE);
  if (saved) return saved.argv as [string, string];
  const version = readdirSync('/etc/postgresql').sort().at(-1);
  if (!version) throw new Error('cannot tell which PostgreSQL cluster to control (no /etc/postgresql)');
  return [version, 'main'];
}

async function pgCtl(action: 'start' | 'stop', version: string, name: string): Promise<void> {
  const args = ['--skip-systemctl-redirect', version, name, action];
  if (action === 'stop') args.push('--', '-m', 'fast');
  await exec('pg_ctlcluster', args, { timeout: 60_000 });
}

/** Stops the cluster (fast shutdown: every session is cut), keeps it down `downMs`, starts it. */
export async function restartPostgres(downMs: number): Promise<void> {
  const [version, name] = await cluster();
  await pgCtl('stop', version, name);
  await new Promise((r) => setTimeout(r, downMs));
  await startPostgres();
}

/** Starts the cluster if it does not answer, and waits until it accepts connections. */
export async function startPostgres(timeoutMs = 60_000): Promise<void> {
  if (await postgresAnswers()) return;
  const [version, name] = await cluster();
  await pgCtl('start', version, name).catch((error: Error) => {
    if (!/already running/i.test(error.message)) throw error;
  });
  if (!(await waitUntil(postgresAnswers, timeoutMs, 250)))
    throw new Error(`PostgreSQL ${version}/${name} did not accept connections within ${timeoutMs} ms`);
}
