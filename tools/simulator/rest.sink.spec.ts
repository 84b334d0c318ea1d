import { createHmac } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RestSink } from './rest.sink';
import { simulateStream } from './transaction.stream';
import { generateWorld } from './world.generator';

interface Received {
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

describe(RestSink.name, () => {
  let server: Server;
  let baseUrl: string;
  const received: Received[] = [];
  /** Statuses to answer, in order; 202 once exhausted. */
  let statuses: number[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.statusCode = statuses.shift() ?? 202;
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    received.length = 0;
    statuses = [];
  });

  const batch = [
    ...simulateStream(generateWorld({ merchants: 2, seed: 3 }), {
      start: '2026-09-01',
      days: 1,
      allowMalformedJson: false,
    }),
  ];

  it('should sign timestamp.rawBody with HMAC-SHA256 when posting a batch', async () => {
    await new RestSink({ baseUrl, acquirerId: 'ACQ-SIM', secret: 's3cret' }).send(batch);
    const [request] = received;
    expect(request.url).toBe('/v1/acquirers/ACQ-SIM/transactions:batch');
    const timestamp = request.headers['x-pulse-timestamp'] as string;
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(5);
    const expected = createHmac('sha256', 's3cret').update(`${timestamp}.${request.body}`).digest('hex');
    expect(request.headers['x-pulse-signature']).toBe(`v1=${expected}`);
    expect(JSON.parse(request.body).transactions).toHaveLength(batch.length);
  });

  it('should retry with the same idempotency key when the gateway answers 503', async () => {
    statuses = [503];
    const sink = new RestSink({ baseUrl, acquirerId: 'ACQ-SIM', secret: 's3cret' });
    await sink.send(batch);
    expect(received).toHaveLength(2);
    expect(received[1].headers['idempotency-key']).toBe(received[0].headers['idempotency-key']);
    expect(received[1].body).toBe(received[0].body);
    expect(sink.stats.retries).toBe(1);
  });

  it('should fail without retrying when the gateway refuses the signature', async () => {
    const sink = new RestSink({ baseUrl, acquirerId: 'ACQ-SIM', secret: 's3cret' });
    statuses = [401, 401];
    await expect(sink.send(batch)).rejects.toThrow(/401/);
    expect(received).toHaveLength(1);
  });
});
