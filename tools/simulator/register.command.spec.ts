import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ProgressBar } from './progress.bar';
import { registerWorld } from './register.command';
import { RegistryClient } from './registry.client';
import { generateWorld } from './world.generator';

/** A minimal stand-in for merchant-registry: records calls, keeps statuses, can throttle. */
function fakeRegistry() {
  const calls: string[] = [];
  const merchants = new Map<string, string>();
  const throttleNext = { count: 0 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const line = `${req.method} ${req.url}`;
      calls.push(line);
      const send = (status: number, payload: object) => {
        res.statusCode = status;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(payload));
      };
      if (req.headers.authorization !== 'Bearer key-1') return send(401, {});
      if (throttleNext.count-- > 0) return send(429, {});
      const created =
        line === 'POST /v1/merchants' ? (JSON.parse(body) as { merchantId: string }).merchantId : null;
      if (created && merchants.has(created)) return send(409, {});
      if (created) merchants.set(created, 'draft');
      const id = created ?? decodeURIComponent(req.url!.split('/')[3]);
      if (req.method === 'GET') return send(200, { id, status: merchants.get(id) });
      if (req.url!.endsWith('/activate') && merchants.has(id)) merchants.set(id, 'active');
      send(201, { id, status: merchants.get(id) ?? 'inventory' });
    });
  });
  return { server, calls, merchants, throttleNext };
}

// Registering a world is ~900 ms on a quiet machine (onboarding 25 merchants over HTTP with a throttled
// answer and its backoff); on 2 cores shared with a demo and browser tests it passed Jest's 5 s default.
jest.setTimeout(30_000);

describe(registerWorld.name, () => {
  const registry = fakeRegistry();
  let client: () => RegistryClient;
  const world = generateWorld({ merchants: 12, seed: 9 });
  const quiet = new ProgressBar(process.stderr, false);

  beforeAll(async () => {
    await new Promise<void>((resolve) => registry.server.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${(registry.server.address() as AddressInfo).port}`;
    client = () => new RegistryClient({ baseUrl, apiKey: 'key-1' });
  });
  afterAll(() => new Promise<void>((resolve) => registry.server.close(() => resolve())));

  it('should take every merchant through documents, review and activation when registering a world', async () => {
    registry.throttleNext.count = 2;
    const summary = await registerWorld(world, client(), { concurrency: 4, progress: quiet });
    expect(summary).toMatchObject({
      merchants: 12,
      active: 12,
      failed: 0,
      terminals: world.merchants.reduce((n, m) => n + m.terminals.length, 0),
    });
    expect(summary.retries).toBe(2);
    for (const m of world.merchants) {
      const mine = registry.calls.filter((c) => c.includes(`/${m.merchantId}/`));
      const docs = mine.filter((c) => c.startsWith('PUT')).map((c) => c.split('/').pop());
      if (m.kind === 'individual')
        expect(docs.sort()).toEqual(['id_card_back', 'id_card_front', 'settlement_card']);
      else expect(docs.includes('corporate_account')).toBe(m.businessType === 'company');
      expect(mine.filter((c) => c.startsWith('POST'))).toEqual([
        `POST /v1/merchants/${m.merchantId}/submit`,
        `POST /v1/merchants/${m.merchantId}/review`,
        `POST /v1/merchants/${m.merchantId}/review`,
        `POST /v1/merchants/${m.merchantId}/activate`,
        `POST /v1/merchants/${m.merchantId}/consents`,
      ]);
      for (const t of m.terminals)
        expect(registry.calls).toContain(`POST /v1/terminals/${t.terminalId}/assign`);
    }
  });

  it('should skip onboarding steps already done when a merchant exists and is active', async () => {
    registry.calls.length = 0;
    const summary = await registerWorld(world, client(), { progress: quiet });
    expect(summary.active).toBe(12);
    expect(registry.calls.filter((c) => c.includes('/submit') || c.includes('/documents/'))).toEqual([]);
    expect(registry.calls.filter((c) => c.startsWith('GET /v1/merchants'))).toHaveLength(12);
  });

  it('should report a merchant as failed when the registry refuses the key', async () => {
    const baseUrl = `http://127.0.0.1:${(registry.server.address() as AddressInfo).port}`;
    const summary = await registerWorld(world, new RegistryClient({ baseUrl, apiKey: 'wrong' }), {
      progress: quiet,
    });
    expect(summary).toMatchObject({ active: 0, failed: 12 });
    expect(summary.failures[0].error).toMatch(/HTTP 401/);
  });
});
