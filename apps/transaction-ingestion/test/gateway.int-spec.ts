import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { loadConfig } from '@merchant-pulse/config';
import { Topics } from '@merchant-pulse/contracts';
import {
  createTestSchema,
  createTestTopics,
  expectEventually,
  startTestApp,
  testInfra,
  testKafka,
  testServiceEnv,
  topicMessageCount,
  TestSchema,
  TestTopics,
  uniqueName,
  freePort,
} from '@merchant-pulse/testing';
import Redis from 'ioredis';
import { ConfigResourceTypes } from 'kafkajs';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { TransactionIngestionConfig } from '../src/config/transaction-ingestion.config';
import { DEV_ACQUIRER_SECRETS } from '../src/gateway/acquirer-secrets.resolver';
import { signBody } from '../src/gateway/acquirer-signature';
import { rawTx } from './ingestion.fixtures';

jest.setTimeout(60_000);

const ACQUIRER = 'acq-gw';
const SECRET = 'gateway-test-secret-0001';
const TTL_SECONDS = 3_600;
const root = join(__dirname, '..', '..', '..');

/**
 * Runs the BUILT service as production does; resolves with how it ended, or `live` once /health/live
 * answers 200 (then it is stopped). Killed after 50 s either way: three production boots in parallel
 * take 20–30 s on a loaded 2-core machine (measured on Node 20 and 24).
 */
function bootBuiltService(
  env: Record<string, string>,
): Promise<{ code: number | null; output: string; live: boolean }> {
  return new Promise((resolve) => {
    let live = false;
    const child = spawn(process.execPath, [join(root, 'dist/apps/transaction-ingestion/src/main.js')], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (d: Buffer) => (output = (output + d.toString()).slice(-8_000));
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => child.kill('SIGKILL'), 50_000);
    const probe = setInterval(() => {
      fetch(`http://127.0.0.1:${env.PORT}/health/live`).then(
        (r) => r.ok && ((live = true), child.kill('SIGTERM')),
        () => undefined,
      );
    }, 250);
    child.on('exit', (code) => {
      clearTimeout(timer);
      clearInterval(probe);
      resolve({ code, output, live });
    });
  });
}

describe('signed REST batch gateway (integration)', () => {
  let schema: TestSchema;
  let topics: TestTopics;
  let app: INestApplication;
  let redis: Redis;
  const kafka = testKafka();
  const path = `/v1/acquirers/${ACQUIRER}/transactions:batch`;
  const tx = (overrides: Record<string, unknown> = {}) => rawTx({ acquirerId: ACQUIRER, ...overrides });
  const signed = (body: string, at = Math.floor(Date.now() / 1000)) => ({
    'Content-Type': 'application/json',
    'X-Pulse-Timestamp': String(at),
    'X-Pulse-Signature': signBody(SECRET, String(at), body),
  });
  const post = (body: string, headers: Record<string, string>) =>
    request(app.getHttpServer()).post(path).set(headers).send(body);
  const rawTopic = () => topics.prefix + Topics.AcquirerTransactions;
  const rawTopicCount = () => topicMessageCount(kafka, rawTopic());

  beforeAll(async () => {
    schema = await createTestSchema('gateway');
    topics = await createTestTopics('gateway');
    const env = testServiceEnv({
      schema: schema.schema,
      topicPrefix: topics.prefix,
      env: {
        ACQUIRER_SECRETS: JSON.stringify({ [ACQUIRER]: [SECRET] }),
        IDEMPOTENCY_TTL_SECONDS: String(TTL_SECONDS),
        RUN_CONSUMERS: 'false',
        MAINTENANCE_INTERVAL_MS: '3600000',
      },
    });
    app = await startTestApp(
      AppModule.forRoot(loadConfig(TransactionIngestionConfig, env)),
      'transaction-ingestion',
    );
    redis = new Redis(testInfra.redisUrl);
  });

  afterAll(async () => {
    await app?.close();
    redis?.disconnect();
    await topics?.drop();
    await schema?.drop();
  });

  it('should answer 422 and produce nothing when an Idempotency-Key is reused with a different body', async () => {
    const key = uniqueName('idem');
    const first = JSON.stringify({ transactions: [tx()] });
    const other = JSON.stringify({ transactions: [tx(), tx()] });
    const answered = await post(first, { ...signed(first), 'Idempotency-Key': key }).expect(202);
    const before = await rawTopicCount();

    const refused = await post(other, { ...signed(other), 'Idempotency-Key': key }).expect(422);
    expect(refused.body.message).toContain('already used with a different request body');
    expect(await rawTopicCount()).toBe(before);

    // The same body again, signed afresh (a new signature): the stored answer, nothing produced.
    const again = await post(first, {
      ...signed(first, Math.floor(Date.now() / 1000) - 1),
      'Idempotency-Key': key,
    }).expect(202);
    expect(again.body).toEqual(answered.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await rawTopicCount()).toBe(before);
  });

  it('should accept the retry of the same signed request when the produce to Kafka failed', async () => {
    const admin = kafka.admin();
    await admin.connect();
    const setMaxMessageBytes = async (value: string) => {
      const resource = { type: ConfigResourceTypes.TOPIC, name: rawTopic() };
      await admin.alterConfigs({
        validateOnly: false,
        resources: [{ ...resource, configEntries: [{ name: 'max.message.bytes', value }] }],
      });
      await expectEventually(async () => {
        const [described] = (await admin.describeConfigs({ includeSynonyms: false, resources: [resource] }))
          .resources;
        expect(described.configEntries.find((e) => e.configName === 'max.message.bytes')?.configValue).toBe(
          value,
        );
      });
    };
    try {
      const body = JSON.stringify({ transactions: [tx()] });
      const headers = { ...signed(body), 'Idempotency-Key': uniqueName('idem') };
      const before = await rawTopicCount();
      // The broker refuses every record of this topic (MESSAGE_TOO_LARGE): a real produce failure.
      await setMaxMessageBytes('64');
      const failed = await post(body, headers);
      expect(failed.status).toBeGreaterThanOrEqual(500);

      await setMaxMessageBytes('1048588');
      const retried = await expectEventually(async () => {
        const res = await post(body, headers);
        expect(res.status).toBe(202);
        return res;
      });
      expect(retried.body).toMatchObject({ accepted: 1, rejected: 0 });
      expect(failed.status).toBe(503);
      expect(failed.body.message).toContain('retry the same request');
      expect(retried.headers['idempotent-replayed']).toBeUndefined();
      expect(await rawTopicCount()).toBe(before + 1);
      // Now used: the same request again is the stored answer, and without the key a replay.
      await post(body, headers).expect(202);
      const { 'Idempotency-Key': _key, ...withoutKey } = headers;
      await post(body, withoutKey).expect(401);
      expect(await rawTopicCount()).toBe(before + 1);
    } finally {
      await setMaxMessageBytes('1048588').finally(() => admin.disconnect());
    }
  });

  it('should store a bounded answer for an Idempotency-Key and forget a signature once its timestamp has expired', async () => {
    // 1,000 items, each rejected with a ~1,000-character detail: a 1.6 MB answer if echoed in full.
    const longFields = Object.fromEntries(
      Array.from({ length: 30 }, (_, i) => [`unexpected_field_${'x'.repeat(30)}_${i}`, 1]),
    );
    const items = Array.from({ length: 1_000 }, () => tx(longFields));
    const body = JSON.stringify({ transactions: items });
    const key = uniqueName('idem');
    const headers = { ...signed(body), 'Idempotency-Key': key };

    const first = await post(body, headers).expect(202);
    expect(first.body).toMatchObject({ accepted: 0, rejected: 1_000 });
    expect(
      Math.max(...first.body.results.map((r: { detail: string }) => r.detail.length)),
    ).toBeLessThanOrEqual(200);
    const stored = `pulse:ingest:idem:${ACQUIRER}:${key}`;
    expect(await redis.strlen(stored)).toBeLessThanOrEqual(16_384);
    expect(await redis.ttl(stored)).toBeGreaterThan(TTL_SECONDS - 60);
    expect(await redis.ttl(stored)).toBeLessThanOrEqual(TTL_SECONDS);
    const signature = headers['X-Pulse-Signature'];
    const signatureTtl = await redis.ttl(`pulse:ingest:sig:${ACQUIRER}:${signature}`);
    expect(signatureTtl).toBeGreaterThan(600);
    expect(signatureTtl).toBeLessThanOrEqual(660);

    const replay = await post(body, headers).expect(202);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    const outcome = (r: { index: number; transactionId?: string; status: string; reason?: string }) => ({
      index: r.index,
      transactionId: r.transactionId,
      status: r.status,
      reason: r.reason,
    });
    expect(replay.body.results.map(outcome)).toEqual(first.body.results.map(outcome));
    expect(first.body.results[7].transactionId).toBe(items[7].transactionId);
  });

  it('should refuse to start in production without ACQUIRER_SECRETS or with the public development secret', async () => {
    const production = (secrets: string, port: number) =>
      bootBuiltService({
        ...testServiceEnv({ schema: schema.schema, topicPrefix: topics.prefix }),
        NODE_ENV: 'production',
        LOG_LEVEL: 'info',
        PORT: String(port),
        RUN_CONSUMERS: 'false',
        DB_MIGRATE_ON_BOOT: 'false',
        METRICS_TOKEN: randomBytes(24).toString('hex'),
        ACQUIRER_SECRETS: secrets,
      });
    const generated = JSON.stringify({ 'acq-1': [randomBytes(32).toString('base64url')] });
    const [unset, development, real] = await Promise.all([
      production('', await freePort()),
      production(DEV_ACQUIRER_SECRETS, await freePort()),
      production(generated, await freePort()),
    ]);

    expect(unset.output).toContain('ACQUIRER_SECRETS is required in production');
    expect(unset.code).toBe(1);
    expect(development.output).toContain('ACQUIRER_SECRETS of \\"acq-1\\" is the public development secret');
    expect(development.code).toBe(1);
    // The same production boot with a generated secret comes up (what the demo and k8s do).
    expect({ live: real.live, output: real.live ? '' : real.output }).toEqual({ live: true, output: '' });
  });
});
