import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import Redis from 'ioredis';
import { testInfra } from '@merchant-pulse/testing';
import { isAlive, loadImage, ProcessImage, saveImage, sleep, waitUntil } from './process-image';

const exec = promisify(execFile);
const IMAGE = 'redis-server';
/** What a restarted server must keep from the running one. */
const KEPT = ['port', 'bind', 'dir', 'dbfilename', 'save', 'appendonly', 'pidfile', 'logfile'];
const KEPT_IF_SET = ['maxmemory', 'maxmemory-policy', 'requirepass'];

function client(): Redis {
  return new Redis(testInfra.redisUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
    connectTimeout: 2_000,
  });
}

export async function redisAnswers(): Promise<boolean> {
  const redis = client();
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

/** The running server's executable and settings, as a command line that starts it again. */
async function capture(redis: Redis): Promise<{ pid: number; image: ProcessImage }> {
  const info = await redis.info('server');
  const pid = Number(/process_id:(\d+)/.exec(info)?.[1]);
  const args: string[] = [];
  for (const key of [...KEPT, ...KEPT_IF_SET]) {
    const [, value] = (await redis.config('GET', key)) as string[];
    if (value === undefined || (KEPT_IF_SET.includes(key) && (value === '' || value === '0'))) continue;
    args.push(`--${key}`, ...(key === 'bind' ? value.split(' ') : [value]));
  }
  // Not /proc/<pid>/exe: Debian's redis-server is a link to redis-check-rdb, which acts on argv[0].
  const reported = /executable:(\S+)/.exec(info)?.[1] ?? '';
  const exe = reported.startsWith('/') && existsSync(reported) ? reported : 'redis-server';
  return { pid, image: { argv: [exe, ...args, '--daemonize', 'yes'], cwd: '/', env: {} } };
}

/**
 * Restarts Redis as it runs (same port, directory and persistence settings): SHUTDOWN lets Redis do
 * what its configuration says (save or not), it stays down `downMs`, then it is started again.
 * Returns whether the server persists data across a restart (save points or AOF).
 */
export async function restartRedis(downMs: number): Promise<{ persistent: boolean }> {
  const redis = client();
  await redis.connect();
  const { pid, image } = await capture(redis);
  saveImage(IMAGE, image);
  const persistent =
    ((await redis.config('GET', 'save')) as string[])[1] !== '' ||
    ((await redis.config('GET', 'appendonly')) as string[])[1] === 'yes';
  await redis.call('SHUTDOWN').catch(() => undefined); // the connection drops as the server exits
  redis.disconnect();
  while (isAlive(pid)) await sleep(50);
  await sleep(downMs);
  await startRedis();
  return { persistent };
}

/** Starts the remembered server if nothing answers, and waits for PONG. */
export async function startRedis(timeoutMs = 30_000): Promise<void> {
  if (await redisAnswers()) return;
  const image = loadImage(IMAGE);
  if (!image) throw new Error('Redis is down and no saved server image exists: run `npm run infra:up`');
  await exec(image.argv[0], image.argv.slice(1), { timeout: 10_000 }); // daemonizes and returns
  if (!(await waitUntil(redisAnswers, timeoutMs, 200)))
    throw new Error(`Redis did not answer PING within ${timeoutMs} ms of its restart`);
}
