import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, WriteStream } from 'node:fs';
import { join } from 'node:path';
import { sleep } from '../servers/process-image';

const ROOT = join(__dirname, '..', '..', '..');
/** The built entry point of a service (the supervisor runs transaction-ingestion unless told otherwise). */
export const serviceMain = (app: string) => join(ROOT, `dist/apps/${app}/src/main.js`);
const MAIN = serviceMain('transaction-ingestion');
/**
 * Liveness probe as an orchestrator runs it, compressed to keep the suite short (k8s/: every 10 s,
 * restart after 6 failures): every 2 s, 2 s timeout, restart after 5 failures in a row.
 */
const PROBE_EVERY_MS = 2_000;
const PROBE_TIMEOUT_MS = 2_000;
const FAILURES_BEFORE_RESTART = 5;
/** A replica that never becomes live within this is killed and started again. */
const STARTUP_DEADLINE_MS = 90_000;

export interface ExitRecord {
  at: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  by: 'scenario' | 'liveness' | 'itself';
}

/**
 * The built transaction-ingestion (or another service: `main`) as a child process, supervised like an orchestrator would: an
 * exit or a failing `/health/live` gets a fresh replica after a second. So "recovery without
 * manual action" is measured the way production gets it; every restart is recorded.
 */
export class IngestionSupervisor {
  readonly exits: ExitRecord[] = [];
  private child?: ChildProcess;
  private stopping = false;
  private killedBy: ExitRecord['by'] = 'itself';
  private bootedAt = 0;
  private live = false;
  private failures = 0;
  private probing = false;
  private prober?: NodeJS.Timeout;
  private readonly log: WriteStream;

  constructor(
    private readonly env: Record<string, string>,
    readonly logFile: string,
    private readonly main = MAIN,
  ) {
    this.log = createWriteStream(logFile, { flags: 'w' });
  }

  get url(): string {
    return `http://127.0.0.1:${this.env.PORT}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the first replica and waits until it is live. */
  async start(timeoutMs = STARTUP_DEADLINE_MS): Promise<void> {
    this.spawnReplica();
    this.prober = setInterval(() => void this.probe(), PROBE_EVERY_MS);
    await this.waitLive(timeoutMs);
  }

  async waitLive(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await this.answers('/health/live'))) {
      if (Date.now() > deadline) throw new Error(`${this.main} not live after ${timeoutMs} ms`);
      await sleep(200);
    }
  }

  /** Kills the current replica (the supervisor starts the next one); resolves once it is gone. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    this.killedBy = 'scenario';
    const gone = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await gone;
  }

  /** SIGTERM (graceful: finish the batch, leave the group), SIGKILL after 30 s; no restart. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.prober);
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((r) => child.once('exit', r));
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      child.kill('SIGTERM');
      await gone;
      clearTimeout(timer);
    }
    await new Promise((r) => this.log.end(r));
  }

  /** Restarts not asked for by the scenario (crash exits and liveness kills). */
  unplannedRestarts(): ExitRecord[] {
    return this.exits.filter((e) => e.by !== 'scenario');
  }

  async answers(path: string, timeoutMs = 1_000): Promise<boolean> {
    return fetch(`${this.url}${path}`, { signal: AbortSignal.timeout(timeoutMs) }).then(
      (r) => r.status === 200,
      () => false,
    );
  }

  private spawnReplica(): void {
    const child = spawn(process.execPath, [this.main], {
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(this.log, { end: false });
    child.stderr?.pipe(this.log, { end: false });
    this.child = child;
    this.bootedAt = Date.now();
    this.live = false;
    this.failures = 0;
    child.once('exit', (code, signal) => {
      this.exits.push({ at: Date.now(), code, signal, by: this.killedBy });
      this.log.write(`\n[faults] replica ${child.pid} exited (${signal ?? code}, by ${this.killedBy})\n`);
      this.killedBy = 'itself';
      if (!this.stopping) setTimeout(() => this.stopping || this.spawnReplica(), 1_000);
    });
  }

  private async probe(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null || this.stopping || this.probing)
      return;
    this.probing = true;
    try {
      await this.probeOnce(child);
    } finally {
      this.probing = false;
    }
  }

  private async probeOnce(child: ChildProcess): Promise<void> {
    const ok = await this.answers('/health/live', PROBE_TIMEOUT_MS);
    if (child !== this.child) return; // replaced meanwhile
    if (ok) {
      this.live = true;
      this.failures = 0;
      return;
    }
    this.failures += 1;
    const stuckBooting = !this.live && Date.now() - this.bootedAt > STARTUP_DEADLINE_MS;
    if ((this.live && this.failures >= FAILURES_BEFORE_RESTART) || stuckBooting) {
      this.killedBy = 'liveness';
      child.kill('SIGKILL');
    }
  }
}
