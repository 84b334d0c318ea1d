import {
  CONSOLE_ROLES,
  CONSOLE_ROLE_SCOPES,
  ConsoleRole,
  consoleApiKeys,
  loadConfig,
} from '@merchant-pulse/config';
import { setupHttpApp } from '@merchant-pulse/http';
import { CONSOLE_TEST_SERVICE_KEYS, testInfra, uniqueName } from '@merchant-pulse/testing';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { hashSync } from 'bcryptjs';
import Redis from 'ioredis';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { AddressInfo, Server, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { individualApplication } from '../../apps/merchant-registry/test/registry-fixtures';
import { KEYS, RegistryHarness, startRegistry } from '../../apps/merchant-registry/test/registry.harness';
import { AppModule } from '../../apps/ops-console/src/app.module';
import { OpsConsoleConfig } from '../../apps/ops-console/src/config/ops-console.config';

jest.setTimeout(120_000);

/** One test account per role; passwords are `pw-<username>`. */
const USERS: Record<ConsoleRole, string> = {
  activation_agent: 'activation',
  support_agent: 'support',
  account_manager: 'manager',
  ops_admin: 'admin',
  read_only: 'viewer',
};
const password = (username: string) => `pw-${username}`;
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/** A signed-in browser: its cookie and CSRF token. */
interface Browser {
  cookie: string;
  csrf: string;
}

describe('ops-console BFF against the real registry, Redis and Postgres', () => {
  let registry: RegistryHarness;
  let consoleApp: INestApplication;
  let hungService: Server;
  let redis: Redis;
  let prefix: string;
  const webDir = mkdtempSync(join(tmpdir(), 'console-web-'));
  let merchantId: string;
  let phone: string;
  let ipCounter = 0;
  /** Every test signs in from its own client IP (TRUST_PROXY=1), so per-IP limits do not leak between tests. */
  const nextIp = () => `10.9.0.${++ipCounter}`;
  const http = () => request(consoleApp.getHttpServer());

  async function signIn(username: string, ip = nextIp()): Promise<Browser> {
    const res = await http()
      .post('/api/session')
      .set('X-Forwarded-For', ip)
      .send({ username, password: password(username) })
      .expect(200);
    const cookie = (res.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
    return { cookie, csrf: res.body.csrfToken };
  }

  beforeAll(async () => {
    registry = await startRegistry('console_bff', {
      env: {
        API_KEYS: JSON.stringify([
          { id: 'ops', sha256: sha(KEYS.ops), scopes: ['merchants:read', 'merchants:write'] },
          { id: 'pii-reader', sha256: sha(KEYS.pii), scopes: ['merchants:read', 'pii:read', 'pii:admin'] },
          ...consoleApiKeys(CONSOLE_TEST_SERVICE_KEYS),
        ]),
      },
    });
    await registry.app.listen(0, '127.0.0.1');
    const registryUrl = `http://127.0.0.1:${(registry.app.getHttpServer().address() as AddressInfo).port}`;
    // A service that accepts connections and never answers: the proxy's timeout is what is under test.
    hungService = createServer(() => undefined).listen(0, '127.0.0.1');
    await new Promise((resolve) => hungService.once('listening', resolve));
    const hungUrl = `http://127.0.0.1:${(hungService.address() as AddressInfo).port}`;
    const body = individualApplication();
    phone = (body.contact as { phone: string }).phone;
    merchantId = (
      await request(registryUrl)
        .post('/v1/merchants')
        .set('Authorization', `Bearer ${KEYS.ops}`)
        .send(body)
        .expect(201)
    ).body.id;

    prefix = `${uniqueName('console')}:`;
    const config = loadConfig(OpsConsoleConfig, {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      REDIS_URL: testInfra.redisUrl,
      CONSOLE_REDIS_PREFIX: prefix,
      CONSOLE_USERS: JSON.stringify(
        CONSOLE_ROLES.map((role) => ({
          username: USERS[role],
          displayName: `Test ${role}`,
          role,
          passwordHash: hashSync(password(USERS[role]), 4),
        })),
      ),
      CONSOLE_SERVICE_KEYS: JSON.stringify(CONSOLE_TEST_SERVICE_KEYS),
      SESSION_SECRET: 'integration-test-session-secret-0123456789',
      SESSION_IDLE_SECONDS: '2',
      LOGIN_MAX_FAILURES_PER_USERNAME: '3',
      LOGIN_MAX_FAILURES_PER_IP: '8',
      LOGIN_WINDOW_SECONDS: '600',
      TRUST_PROXY: '1',
      PROXY_TIMEOUT_MS: '500',
      // Only the registry and a hung service are started: the other three point at the registry.
      REGISTRY_URL: registryUrl,
      INGESTION_URL: registryUrl,
      CHURN_URL: registryUrl,
      CAMPAIGNS_URL: registryUrl,
      TICKETS_URL: hungUrl,
      CONSOLE_WEB_DIR: webDir,
      RATE_LIMIT_PER_MINUTE: '100000',
    });
    consoleApp = await NestFactory.create(AppModule.forRoot(config), { rawBody: true, logger: false });
    setupHttpApp(consoleApp, { service: 'ops-console' });
    await consoleApp.init();
    redis = new Redis(testInfra.redisUrl);
  });

  afterAll(async () => {
    await consoleApp?.close();
    await registry?.close();
    hungService?.close();
    if (redis) {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    }
    rmSync(webDir, { recursive: true, force: true });
  });

  it.each(CONSOLE_ROLES)(
    'should sign in %s with a secure session cookie and report its scopes',
    async (role) => {
      const res = await http()
        .post('/api/session')
        .set('X-Forwarded-For', nextIp())
        .send({ username: USERS[role], password: password(USERS[role]) })
        .expect(200);
      expect(res.body.user).toEqual({
        username: USERS[role],
        displayName: `Test ${role}`,
        role,
        scopes: [...CONSOLE_ROLE_SCOPES[role]],
        locale: 'zh-CN',
      });
      const setCookie = (res.headers['set-cookie'] as unknown as string[])[0];
      expect(setCookie).toMatch(/^pulse_console_sid=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);
      const cookie = setCookie.split(';')[0];
      const current = await http().get('/api/session').set('Cookie', cookie).expect(200);
      expect(current.body).toEqual({ user: res.body.user, csrfToken: res.body.csrfToken });
      // Signing in again from that browser replaces the session (no fixation): the old id is dead.
      const again = await http()
        .post('/api/session')
        .set('X-Forwarded-For', nextIp())
        .set('Cookie', cookie)
        .send({ username: USERS[role], password: password(USERS[role]) })
        .expect(200);
      expect((again.headers['set-cookie'] as unknown as string[])[0].split(';')[0]).not.toBe(cookie);
      await http().get('/api/session').set('Cookie', cookie).expect(401);
    },
  );

  it('should answer 401 for a wrong password and for an unknown user alike, without a cookie', async () => {
    const ip = nextIp();
    const wrong = await http()
      .post('/api/session')
      .set('X-Forwarded-For', ip)
      .send({ username: 'admin', password: 'not-the-password' })
      .expect(401);
    const unknown = await http()
      .post('/api/session')
      .set('X-Forwarded-For', ip)
      .send({ username: 'nobody', password: 'whatever' })
      .expect(401);
    expect(unknown.body.message).toBe(wrong.body.message);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    await http().post('/api/session').send({ username: 'admin' }).expect(400);
    await http().get('/api/session').expect(401);
    await http().get('/api/session').set('Cookie', 'pulse_console_sid=forged-session-id').expect(401);
  });

  it('should answer 429 with Retry-After after too many failures for one username, even with the right password', async () => {
    const attempt = (pw: string) =>
      http()
        .post('/api/session')
        .set('X-Forwarded-For', nextIp())
        .send({ username: 'support', password: pw });
    for (let i = 0; i < 3; i += 1) await attempt('wrong').expect(401);
    const limited = await attempt(password('support')).expect(429);
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(500);
    expect(retryAfter).toBeLessThanOrEqual(600);
    expect(limited.body).toMatchObject({ statusCode: 429, retryAfterSeconds: retryAfter });
    // Other users are not locked out by it.
    await signIn('activation');
  });

  it('should answer 429 after too many failures from one IP across usernames', async () => {
    const ip = nextIp();
    for (let i = 0; i < 8; i += 1)
      await http()
        .post('/api/session')
        .set('X-Forwarded-For', ip)
        .send({ username: `guess${i}`, password: 'x' })
        .expect(401);
    await http()
      .post('/api/session')
      .set('X-Forwarded-For', ip)
      .send({ username: 'viewer', password: password('viewer') })
      .expect(429);
    await signIn('viewer', nextIp());
  });

  it('should refuse changes without the session CSRF token (403) and pass them on with it', async () => {
    const viewer = await signIn('viewer');
    await http().delete('/api/session').set('Cookie', viewer.cookie).expect(403);
    await http().delete('/api/session').set('Cookie', viewer.cookie).set('X-CSRF-Token', 'wrong').expect(403);
    await http()
      .post('/api/svc/registry/v1/merchants')
      .set('Cookie', viewer.cookie)
      .send(individualApplication())
      .expect(403)
      .expect((res) => expect(res.body.message).toMatch(/X-CSRF-Token/));
    // With the token the call reaches the registry, which refuses a read-only role on its own (merchants:write).
    const refused = await http()
      .post('/api/svc/registry/v1/merchants')
      .set('Cookie', viewer.cookie)
      .set('X-CSRF-Token', viewer.csrf)
      .send(individualApplication())
      .expect(403);
    expect(JSON.stringify(refused.body)).toMatch(/merchants:write/);
    // Another session's token is not this session's.
    const other = await signIn('viewer');
    await http()
      .delete('/api/session')
      .set('Cookie', viewer.cookie)
      .set('X-CSRF-Token', other.csrf)
      .expect(403);
  });

  it('should proxy GETs with path and query, mask PII for a role without pii:read and reveal it to ops_admin, audited with the actor', async () => {
    const viewer = await signIn('viewer');
    const masked = await http()
      .get(`/api/svc/registry/v1/merchants/${merchantId}`)
      .set('Cookie', viewer.cookie)
      .expect(200);
    expect(masked.body).toMatchObject({ id: merchantId, piiMasked: true });
    expect(JSON.stringify(masked.body)).not.toContain(phone);
    const page = await http()
      .get('/api/svc/registry/v1/merchants?limit=1')
      .set('Cookie', viewer.cookie)
      .expect(200);
    expect(page.body.items).toHaveLength(1);

    const admin = await signIn('admin');
    const revealed = await http()
      .get(`/api/svc/registry/v1/merchants/${merchantId}`)
      .set('Cookie', admin.cookie)
      .expect(200);
    expect(revealed.body.contact.phone).toBe(phone);

    const audit = await request(registry.app.getHttpServer())
      .get(`/v1/merchants/${merchantId}/pii-access`)
      .set('Authorization', `Bearer ${KEYS.pii}`)
      .expect(200);
    expect(audit.body.items[0]).toMatchObject({
      actor: 'console:admin via ops-console-ops_admin',
      action: 'reveal',
      merchantId,
    });
    // The masked read by the viewer revealed nothing, so it is not in the PII audit.
    expect(audit.body.items.map((e: { actor: string }) => e.actor)).not.toContainEqual(
      expect.stringContaining('console:viewer'),
    );
  });

  it('should answer 404 for an unknown service, 504 when a service does not answer, 401 when signed out', async () => {
    const admin = await signIn('admin');
    const unknown = await http().get('/api/svc/payments/v1/anything').set('Cookie', admin.cookie).expect(404);
    expect(unknown.body.message).toMatch(/registry, ingestion, churn, campaigns, tickets/);
    const timeout = await http().get('/api/svc/tickets/v1/tickets').set('Cookie', admin.cookie).expect(504);
    expect(timeout.body).toMatchObject({ statusCode: 504, message: 'tickets did not answer within 500 ms' });
    await http().get(`/api/svc/registry/v1/merchants/${merchantId}`).expect(401);
  });

  it('should end the session on sign-out and after the idle time, sliding while in use', async () => {
    const admin = await signIn('admin');
    await http()
      .delete('/api/session')
      .set('Cookie', admin.cookie)
      .set('X-CSRF-Token', admin.csrf)
      .expect(204);
    await http().get('/api/session').set('Cookie', admin.cookie).expect(401);

    const agent = await signIn('manager');
    // Idle time is 2 s: three requests 1.2 s apart keep it alive for 3.6 s.
    for (let i = 0; i < 3; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 1200));
      await http().get('/api/session').set('Cookie', agent.cookie).expect(200);
    }
    await new Promise((resolve) => setTimeout(resolve, 2500));
    await http().get('/api/session').set('Cookie', agent.cookie).expect(401);
  });

  it('should audit every sign-in for ops_admin only, with a log-ready metric', async () => {
    const ip = nextIp();
    await http()
      .post('/api/session')
      .set('X-Forwarded-For', ip)
      .set('User-Agent', 'audit-test-browser/1.0')
      .send({ username: 'activation', password: 'wrong' })
      .expect(401);
    const viewer = await signIn('viewer');
    await http().get('/api/audit/sign-ins').set('Cookie', viewer.cookie).expect(403);
    const admin = await signIn('admin');
    const res = await http().get('/api/audit/sign-ins?limit=1000').set('Cookie', admin.cookie).expect(200);
    const items = res.body.items as Array<Record<string, string>>;
    expect(items[0]).toMatchObject({ outcome: 'success', username: 'admin' });
    expect(items).toContainEqual(
      expect.objectContaining({
        outcome: 'failure',
        username: 'activation',
        ip,
        userAgent: 'audit-test-browser/1.0',
      }),
    );
    expect(items.some((e) => e.outcome === 'rate_limited' && e.username === 'support')).toBe(true);
    expect(Date.parse(items[0].at)).toBeGreaterThan(Date.now() - 60_000);
    const filtered = await http()
      .get('/api/audit/sign-ins?username=support')
      .set('Cookie', admin.cookie)
      .expect(200);
    expect(filtered.body.items.length).toBeGreaterThanOrEqual(4);
    expect(filtered.body.items.every((e: { username: string }) => e.username === 'support')).toBe(true);
    const metrics = await http().get('/metrics').expect(200);
    expect(metrics.text).toMatch(/pulse_console_sign_ins_total\{outcome="rate_limited"\} [1-9]/);
  });

  it('should be ready with Redis and the services up, and serve the web app with an SPA fallback', async () => {
    const ready = await http().get('/health/ready').expect(503);
    expect(ready.body.failed).toEqual(['tickets']);
    expect(ready.body.checks.redis.status).toBe('up');
    expect(ready.body.checks.registry.status).toBe('up');

    const notBuilt = await http().get('/').expect(503);
    expect(notBuilt.text).toMatch(/web app is not built/);
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>console</title>');
    const shell = await http().get('/merchants/M1').expect(200);
    expect(shell.text).toContain('<title>console</title>');
    expect(shell.headers['cache-control']).toBe('no-cache');
    await http().get('/api/nothing-here').expect(404);
  });
});
