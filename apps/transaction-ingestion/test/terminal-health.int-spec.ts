import { INestApplication } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { loadConfig } from '@merchant-pulse/config';
import { AnyEvent, EventOf, parseEvent, RawTransactionV1, Topics } from '@merchant-pulse/contracts';
import { EventProducer } from '@merchant-pulse/kafka';
import {
  adminQuery,
  createTestSchema,
  createTestTopics,
  expectEventually,
  startTestApp,
  TEST_ADMIN_SECRET,
  testKafka,
  testServiceEnv,
  topicMessageCount,
  TestSchema,
  TestTopics,
} from '@merchant-pulse/testing';
import { Consumer } from 'kafkajs';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { TransactionIngestionConfig } from '../src/config/transaction-ingestion.config';
import { MaintenanceJob } from '../src/maintenance/maintenance.job';
import { approvedCardTx, cardReadFailureTx, merchantRegistered, rawTx } from './ingestion.fixtures';

jest.setTimeout(60_000);

const WINDOW_MINUTES = 15;
const MIN_SAMPLE = 5;
const READ_FAILURE_THRESHOLD = 0.2;
const SILENT_MINUTES = 10;

type HealthEvent = EventOf<'TerminalHealthDegraded'> | EventOf<'TerminalHealthRecovered'>;

/**
 * The terminal health detector end to end: raw transactions on Kafka → terminal buckets → the
 * maintenance job (run by hand) → outbox → `terminal.health.v1`, read back and parsed as a consumer
 * would. The service runs on a settable clock started at the wall clock, moved by `PUT /v1/clock`.
 */
describe('transaction-ingestion terminal health (integration)', () => {
  let schema: TestSchema;
  let topics: TestTopics;
  let app: INestApplication;
  let producer: EventProducer;
  let clock: Clock;
  let reader: Consumer;
  const kafka = testKafka();
  const received: Array<{ key: string | null; value: Buffer | null }> = [];
  /** Transactions sent per terminal so far: what terminal_activity must add up to. */
  const sentPerTerminal = new Map<string, number>();

  const healthTopic = () => topics.prefix + Topics.TerminalHealth;
  const iso = (ms: number) => new Date(ms).toISOString();
  /** A minute before the service clock's now (the pipeline judges `future_dated` by that clock). */
  const aMinuteAgo = () => iso(clock.nowMs() - 60_000);

  /** Produces raw transactions and waits until the pipeline has counted them in terminal_activity. */
  const ingest = async (txs: RawTransactionV1[]) => {
    await producer.send(
      txs.map((tx) => ({
        topic: Topics.AcquirerTransactions,
        key: tx.merchantId,
        value: JSON.stringify(tx),
      })),
    );
    for (const tx of txs) sentPerTerminal.set(tx.terminalId, (sentPerTerminal.get(tx.terminalId) ?? 0) + 1);
    const terminals = [...new Set(txs.map((tx) => tx.terminalId))];
    await expectEventually(async () => {
      const rows = await adminQuery<{ terminal_id: string; total: string }>(
        `SELECT terminal_id, sum(total)::text AS total FROM "${schema.schema}".terminal_activity
          WHERE terminal_id = ANY($1) GROUP BY terminal_id`,
        [terminals],
      );
      expect(Object.fromEntries(rows.map((r) => [r.terminal_id, Number(r.total)]))).toEqual(
        Object.fromEntries(terminals.map((t) => [t, sentPerTerminal.get(t)])),
      );
    });
  };

  /**
   * Runs the maintenance job once (it commits its outbox rows before returning), waits for the relay
   * to publish them, and returns every health event on the topic, each validated by the contract.
   */
  const detect = async (): Promise<HealthEvent[]> => {
    await app.get(MaintenanceJob).runOnce();
    return healthEvents();
  };

  const healthEvents = async (): Promise<HealthEvent[]> => {
    const outbox = await adminQuery<{ event_id: string }>(
      `SELECT event_id FROM "${schema.schema}".outbox
        WHERE event_type IN ('TerminalHealthDegraded', 'TerminalHealthRecovered')`,
    );
    await expectEventually(async () =>
      expect(
        await adminQuery(
          `SELECT 1 FROM "${schema.schema}".outbox
            WHERE event_type IN ('TerminalHealthDegraded', 'TerminalHealthRecovered') AND published_at IS NULL`,
        ),
      ).toHaveLength(0),
    );
    // The broker holds exactly what the outbox published: nothing more, nothing missing.
    expect(await topicMessageCount(kafka, healthTopic())).toBe(outbox.length);
    await expectEventually(() => expect(received).toHaveLength(outbox.length));
    return received.map((m) => {
      const parsed = parseEvent(m.value, { topic: healthTopic() });
      if (!parsed.ok) throw new Error(`${parsed.reason} on ${healthTopic()}: ${parsed.detail}`);
      const event = parsed.event as AnyEvent;
      expect(['TerminalHealthDegraded', 'TerminalHealthRecovered']).toContain(event.type);
      expect(m.key).toBe(event.merchantId);
      return event as HealthEvent;
    });
  };

  const ofTerminal = (events: HealthEvent[], terminalId: string) =>
    events.filter((e) => e.payload.terminalId === terminalId);

  const moveClockTo = async (ms: number) => {
    const { body } = await request(app.getHttpServer())
      .put('/v1/clock')
      .set({ Authorization: `Bearer ${TEST_ADMIN_SECRET}` })
      .send({ now: iso(ms) })
      .expect(200);
    expect(body.settable).toBe(true);
  };

  beforeAll(async () => {
    schema = await createTestSchema('terminal_health');
    topics = await createTestTopics('terminal_health');
    const env = testServiceEnv({
      schema: schema.schema,
      topicPrefix: topics.prefix,
      env: {
        CLOCK_START: new Date().toISOString(),
        MAINTENANCE_INTERVAL_MS: '3600000',
        HEALTH_WINDOW_MINUTES: String(WINDOW_MINUTES),
        HEALTH_MIN_SAMPLE: String(MIN_SAMPLE),
        HEALTH_READ_FAILURE_THRESHOLD: String(READ_FAILURE_THRESHOLD),
        HEALTH_DECLINE_THRESHOLD: '0.5',
        HEALTH_SILENT_MINUTES: String(SILENT_MINUTES),
      },
    });
    app = await startTestApp(
      AppModule.forRoot(loadConfig(TransactionIngestionConfig, env)),
      'transaction-ingestion',
    );
    producer = app.get(EventProducer);
    clock = app.get(Clock);

    reader = kafka.consumer({ groupId: `${topics.prefix}health-reader`, maxWaitTimeInMs: 100 });
    await reader.connect();
    await reader.subscribe({ topic: healthTopic(), fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) => {
        received.push({ key: message.key?.toString() ?? null, value: message.value });
      },
    });

    const merchants = ['m-fleet', 'm-shop', 'm-solo'];
    await producer.send(
      merchants.map((m) => ({
        topic: Topics.MerchantLifecycle,
        key: m,
        value: JSON.stringify(merchantRegistered(m)),
      })),
    );
    await expectEventually(async () =>
      expect(await adminQuery(`SELECT 1 FROM "${schema.schema}".merchants`)).toHaveLength(merchants.length),
    );
  });

  afterAll(async () => {
    await reader?.disconnect();
    await app?.close();
    await topics?.drop();
    await schema?.drop();
  });

  it('should report a terminal degraded exactly once when its card-read failure rate reaches the threshold, and not its healthy sibling', async () => {
    const at = aMinuteAgo();
    await ingest([
      // T-bad: 3 card-read failures in 10 (0.3 ≥ 0.2); 3 declines in 10 stays under the decline threshold.
      cardReadFailureTx({ merchantId: 'm-fleet', terminalId: 'T-bad', occurredAt: at, responseCode: 'E1' }),
      cardReadFailureTx({
        merchantId: 'm-fleet',
        terminalId: 'T-bad',
        occurredAt: at,
        responseCode: 'E2',
        entryMode: 'swipe',
      }),
      cardReadFailureTx({
        merchantId: 'm-fleet',
        terminalId: 'T-bad',
        occurredAt: at,
        responseCode: 'CR',
        entryMode: 'contactless',
      }),
      ...Array.from({ length: 7 }, () =>
        approvedCardTx({ merchantId: 'm-fleet', terminalId: 'T-bad', occurredAt: at }),
      ),
      // T-good: declines with read-error codes on QR have no card to read, so its read-failure rate is 0
      // (counting them would make it 0.2 and degrade it); 3 declines in 10 is under the decline threshold.
      ...Array.from({ length: 7 }, () =>
        rawTx({ merchantId: 'm-fleet', terminalId: 'T-good', occurredAt: at }),
      ),
      ...['E1', 'E3'].map((responseCode) =>
        rawTx({
          merchantId: 'm-fleet',
          terminalId: 'T-good',
          occurredAt: at,
          status: 'declined',
          responseCode,
        }),
      ),
      approvedCardTx({
        merchantId: 'm-fleet',
        terminalId: 'T-good',
        occurredAt: at,
        status: 'declined',
        responseCode: '51',
      }),
    ]);

    const before = clock.nowMs();
    const events = await detect();
    const after = clock.nowMs();
    expect(events).toHaveLength(1);
    const [degraded] = events;
    expect(degraded).toMatchObject({
      type: 'TerminalHealthDegraded',
      merchantId: 'm-fleet',
      producer: 'transaction-ingestion',
      payload: {
        terminalId: 'T-bad',
        kind: 'card_read_failures',
        rate: 0.3,
        sampleSize: 10,
        windowMinutes: WINDOW_MINUTES,
        threshold: READ_FAILURE_THRESHOLD,
        lastTransactionAt: at,
      },
    });
    const since = Date.parse(degraded.payload.since);
    expect(since).toBeGreaterThanOrEqual(before);
    expect(since).toBeLessThanOrEqual(after);

    // The episode stays open: a second run (still over the threshold) publishes nothing new.
    expect(await detect()).toHaveLength(1);
    expect(ofTerminal(await healthEvents(), 'T-good')).toEqual([]);
  });

  it('should report the terminal recovered only once healthy traffic brings its rate below half the threshold', async () => {
    const [degraded] = ofTerminal(await healthEvents(), 'T-bad');
    expect(degraded.type).toBe('TerminalHealthDegraded');

    // 3 failures in 20 = 0.15: under the threshold but not under half of it — no flapping.
    let at = aMinuteAgo();
    await ingest(
      Array.from({ length: 10 }, () =>
        approvedCardTx({ merchantId: 'm-fleet', terminalId: 'T-bad', occurredAt: at }),
      ),
    );
    expect(ofTerminal(await detect(), 'T-bad')).toEqual([degraded]);

    // 3 failures in 31 ≈ 0.0968 < 0.1.
    at = aMinuteAgo();
    await ingest(
      Array.from({ length: 11 }, () =>
        approvedCardTx({ merchantId: 'm-fleet', terminalId: 'T-bad', occurredAt: at }),
      ),
    );
    const before = clock.nowMs();
    const events = await detect();
    const after = clock.nowMs();
    expect(events).toHaveLength(2);
    const tBad = ofTerminal(events, 'T-bad');
    expect(tBad).toHaveLength(2);
    const recovered = tBad.find(
      (e) => e.type === 'TerminalHealthRecovered',
    ) as EventOf<'TerminalHealthRecovered'>;
    expect(recovered).toMatchObject({
      merchantId: 'm-fleet',
      payload: {
        terminalId: 'T-bad',
        kind: 'card_read_failures',
        rate: 0.0968,
        sampleSize: 31,
        windowMinutes: WINDOW_MINUTES,
        threshold: READ_FAILURE_THRESHOLD,
        since: degraded.payload.since,
      },
    });
    const recoveredAt = Date.parse(recovered.payload.recoveredAt);
    expect(recoveredAt).toBeGreaterThanOrEqual(before);
    expect(recoveredAt).toBeLessThanOrEqual(after);

    // Healthy and closed: another run publishes nothing.
    expect(await detect()).toHaveLength(2);
  });

  it('should report a terminal silent when its merchant keeps trading elsewhere, but not a quiet single-terminal merchant', async () => {
    const quietAt = aMinuteAgo();
    await ingest([
      rawTx({ merchantId: 'm-shop', terminalId: 'T-busy', occurredAt: quietAt }),
      rawTx({ merchantId: 'm-shop', terminalId: 'T-quiet', occurredAt: quietAt }),
      rawTx({ merchantId: 'm-solo', terminalId: 'T-solo', occurredAt: quietAt }),
    ]);
    const known = (await detect()).length;
    expect(known).toBe(2); // everyone traded a minute ago: nobody is silent

    // SILENT_MINUTES + 1 later only T-busy trades: T-quiet has been quiet for 12 minutes.
    await moveClockTo(clock.nowMs() + (SILENT_MINUTES + 1) * 60_000);
    await ingest([rawTx({ merchantId: 'm-shop', terminalId: 'T-busy', occurredAt: aMinuteAgo() })]);
    let events = await detect();
    expect(events).toHaveLength(known + 1);
    const silent = events.slice(known);
    expect(silent).toEqual([
      expect.objectContaining({
        type: 'TerminalHealthDegraded',
        merchantId: 'm-shop',
        payload: {
          terminalId: 'T-quiet',
          kind: 'silent',
          rate: 0,
          sampleSize: 0,
          windowMinutes: SILENT_MINUTES,
          since: quietAt,
          lastTransactionAt: quietAt,
        },
      }),
    ]);
    // T-solo is as quiet, but its merchant traded nowhere else; m-fleet's terminals are both quiet.
    for (const terminalId of ['T-solo', 'T-busy', 'T-bad', 'T-good'])
      expect(ofTerminal(events, terminalId).filter((e) => e.payload.kind === 'silent')).toEqual([]);

    // Trading again ends the episode.
    await ingest([rawTx({ merchantId: 'm-shop', terminalId: 'T-quiet', occurredAt: aMinuteAgo() })]);
    events = await detect();
    expect(events).toHaveLength(known + 2);
    expect(events[known + 1]).toMatchObject({
      type: 'TerminalHealthRecovered',
      merchantId: 'm-shop',
      payload: { terminalId: 'T-quiet', kind: 'silent', sampleSize: 0, since: quietAt },
    });
  });
});
