import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * How a running server was started (argv, working directory, environment), read from /proc so the
 * fault suite can stop the machine's server and start the very same one again — whoever started it
 * (`infra:up` of any worktree, the distribution's service scripts).
 */
export interface ProcessImage {
  argv: string[];
  cwd: string;
  env: Record<string, string>;
}

/** Saved images live outside any worktree: the servers are the machine's, not a checkout's. */
const IMAGE_DIR = join(tmpdir(), 'merchant-pulse-faults');

export function readProcessImage(pid: number): ProcessImage {
  const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  const env = Object.fromEntries(
    readFileSync(`/proc/${pid}/environ`, 'utf8')
      .split('\0')
      .filter((kv) => kv.includes('='))
      .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
  );
  return { argv, cwd: readlinkSync(`/proc/${pid}/cwd`), env };
}

/** Pids whose command line contains every needle. */
export function findProcesses(...needles: string[]): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (needles.every((n) => cmdline.includes(n))) pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

export function saveImage(name: string, image: ProcessImage): void {
  mkdirSync(IMAGE_DIR, { recursive: true });
  writeFileSync(join(IMAGE_DIR, `${name}.json`), JSON.stringify(image), { mode: 0o600 });
}

export function loadImage(name: string): ProcessImage | undefined {
  const file = join(IMAGE_DIR, `${name}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ProcessImage) : undefined;
}

/** Starts `image` detached in its own session (it outlives the suite), output appended to `logFile`. */
export function launchDetached(image: ProcessImage, logFile: string): number {
  const out = openSync(logFile, 'a');
  const child = spawn(image.argv[0], image.argv.slice(1), {
    cwd: image.cwd,
    env: image.env,
    detached: true,
    stdio: ['ignore', out, out],
  });
  child.unref();
  if (child.pid === undefined) throw new Error(`could not start ${image.argv[0]}`);
  return child.pid;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
  } catch {
    return false;
  }
}

/** Signals `pid` and waits for it to go; SIGKILL after `graceMs`. */
export async function terminate(pid: number, signal: NodeJS.Signals, graceMs: number): Promise<void> {
  if (!isAlive(pid)) return;
  process.kill(pid, signal);
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(100);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  while (isAlive(pid)) await sleep(50);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Retries `probe` until it returns true or `timeoutMs` passes; returns whether it did. */
export async function waitUntil(probe: () => Promise<boolean>, timeoutMs: number, everyMs = 250) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe().catch(() => false)) return true;
    if (Date.now() > deadline) return false;
    await sleep(everyMs);
  }
}
