import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { testKafka } from '@merchant-pulse/testing';
import {
  findProcesses,
  launchDetached,
  loadImage,
  readProcessImage,
  saveImage,
  terminate,
  waitUntil,
} from './process-image';

const IMAGE = 'kafka-broker';

/** True when the broker answers a metadata request within a few seconds. */
export async function kafkaAnswers(): Promise<boolean> {
  const admin = testKafka('faults-probe').admin({ retry: { retries: 0 } });
  try {
    await admin.connect();
    await admin.describeCluster();
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** The broker JVM on this machine (`kafka.Kafka <server.properties>`), if one runs. */
function brokerPid(): number | undefined {
  return findProcesses('kafka.Kafka', 'server.properties')[0];
}

/**
 * Stops the broker cleanly (SIGTERM: controlled shutdown; SIGKILL after 30 s), remembering how it
 * was started so {@link startKafka} brings back the same broker with the same data.
 */
export async function stopKafka(): Promise<void> {
  const pid = brokerPid();
  if (pid === undefined) throw new Error('no Kafka broker process (kafka.Kafka) runs on this machine');
  saveImage(IMAGE, readProcessImage(pid));
  await terminate(pid, 'SIGTERM', 30_000);
}

/** Starts the remembered broker (no-op when one answers) and waits until it answers metadata. */
export async function startKafka(timeoutMs = 120_000): Promise<void> {
  if (brokerPid() === undefined) {
    const image = loadImage(IMAGE);
    if (!image) throw new Error('Kafka is down and no saved broker image exists: run `npm run infra:up`');
    const logs = image.argv.find((a) => a.startsWith('-Dkafka.logs.dir='))?.split('=')[1] ?? image.cwd;
    const pid = launchDetached(image, join(logs, 'kafka.out'));
    // Keep infra-up/infra-down's bookkeeping pointing at the live broker.
    const pidFile = join(image.cwd, 'kafka.pid');
    if (existsSync(pidFile)) writeFileSync(pidFile, `${pid}\n`);
    const started = join(image.cwd, '..', 'state', 'kafka.started');
    if (existsSync(started)) writeFileSync(started, `${pid}\n`);
  }
  if (!(await waitUntil(kafkaAnswers, timeoutMs, 500)))
    throw new Error(`Kafka did not answer within ${timeoutMs} ms of its restart`);
}
