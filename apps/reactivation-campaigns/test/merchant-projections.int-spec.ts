import { INestApplication } from '@nestjs/common';
import { Topics } from '@merchant-pulse/contracts';
import { createKafkaClient, EventProducer, TopicNamer } from '@merchant-pulse/kafka';
import {
  createTestSchema,
  createTestTopics,
  expectEventually,
  testInfra,
  TestSchema,
  TestTopics,
} from '@merchant-pulse/testing';
import { MerchantContextReader } from '../src/merchants/merchant-context';
import {
  activityEvent,
  bootApp,
  registeredEvent,
  riskEvent,
  sendEvents,
  statusEvent,
  terminalDegraded,
  ticketOpened,
} from './campaigns.fixtures';

jest.setTimeout(120_000);

describe('MerchantContextRepository (projections of the five consumed topics)', () => {
  let schema: TestSchema;
  let topics: TestTopics;
  let app: INestApplication;
  let producer: EventProducer;

  beforeAll(async () => {
    schema = await createTestSchema('camp_merchants');
    topics = await createTestTopics('camp_merchants', 1);
    const kafka = createKafkaClient({ brokers: testInfra.kafkaBrokers, clientId: 'camp-merchants-test' });
    producer = new EventProducer(kafka, new TopicNamer(topics.prefix));
    // 2026-03-01T04:00Z is noon in Shanghai: local today is 2026-03-01.
    ({ app } = await bootApp(schema.schema, topics.prefix, '2026-03-01T04:00:00.000Z'));
  });

  afterAll(async () => {
    await app?.close();
    await producer?.disconnect?.();
    await schema?.drop();
    await topics?.drop();
  });

  it('should project profile, status, risk, trailing activity, open tickets and degraded terminals into one context', async () => {
    await sendEvents(producer, Topics.MerchantLifecycle, [
      registeredEvent('M-1', {
        legalEntityId: 'le-chain-a',
        region: 'east',
        category: 'retail',
        kind: 'business',
      }),
      statusEvent('M-1', 'active', 'suspended', '2026-02-20T00:00:00.000Z'),
      // An older status change arriving later changes nothing.
      statusEvent('M-1', 'approved', 'active', '2026-01-02T00:00:00.000Z'),
    ]);
    await sendEvents(producer, Topics.ChurnRisk, [
      riskEvent('M-1', 'dormant', '2026-02-28T00:00:00.000Z', {}, ['no_transactions', 'volume_drop']),
      riskEvent('M-1', 'active', '2026-01-28T00:00:00.000Z'),
    ]);
    await sendEvents(producer, Topics.MerchantActivity, [
      // Inside the 28/30-day windows: 10 txns, 60 % credit (hour 12).
      activityEvent('M-1', '2026-02-10', 10, '2026-02-11T00:00:00.000Z', 0.6),
      // A replay with an older asOf does not overwrite.
      activityEvent('M-1', '2026-02-10', 99, '2026-02-10T10:00:00.000Z'),
      // Day 29 back: in the 30-day revenue window, outside the 28-day mix window.
      activityEvent('M-1', '2026-02-01', 4, '2026-02-02T00:00:00.000Z', 0),
      // Outside every window.
      activityEvent('M-1', '2026-01-15', 7, '2026-01-16T00:00:00.000Z'),
    ]);
    await sendEvents(producer, Topics.SupportTickets, [
      ticketOpened('M-1', 'TK-1', 'card_read_failure', '2026-02-25T00:00:00.000Z'),
    ]);
    await sendEvents(producer, Topics.TerminalHealth, [
      terminalDegraded('M-1', 'T-9', '2026-02-26T00:00:00.000Z'),
    ]);

    const reader = app.get(MerchantContextReader);
    const ctx = await expectEventually(async () => {
      const c = await reader.read('M-1');
      expect(c?.openTickets).toHaveLength(1);
      expect(c?.degradedTerminals).toHaveLength(1);
      expect(c?.riskBand).toBe('high');
      expect(c?.trailingVolumeMinor).toBe(14 * 5_000);
      expect(c?.status).toBe('suspended');
      return c!;
    });
    expect(ctx).toMatchObject({
      kind: 'business',
      legalEntityId: 'le-chain-a',
      region: 'east',
      city: 'Shanghai',
      category: 'retail',
      timezone: 'Asia/Shanghai',
      behaviourTier: 'dormant',
      valueTier: 'mid',
      reasonCodes: ['no_transactions', 'volume_drop'],
      lastApprovedDate: '2026-02-10',
      trailingFeeMinor: 6 * 30 + 4 * 19 + 4 * 19,
    });
    expect(ctx.hourHistogram).toHaveLength(24);
    expect(ctx.hourHistogram[12]).toBe(10);
    expect(ctx.channelMix.credit).toBeCloseTo(0.6, 10);
    expect(ctx.channelMix.qr_wechat).toBeCloseTo(0.4, 10);
    expect(ctx.openTickets[0]).toMatchObject({ ticketId: 'TK-1', category: 'card_read_failure' });
    expect(ctx.degradedTerminals[0]).toMatchObject({ terminalId: 'T-9', kind: 'card_read_failures' });
    expect(await reader.read('M-unknown')).toBeNull();
  });

  it('should treat a merchant without a legal entity from the registry as its own legal entity', async () => {
    await sendEvents(producer, Topics.ChurnRisk, [riskEvent('M-2', 'at_risk', '2026-02-28T00:00:00.000Z')]);
    const reader = app.get(MerchantContextReader);
    const ctx = await expectEventually(async () => {
      const c = await reader.read('M-2');
      expect(c).not.toBeNull();
      return c!;
    });
    expect(ctx).toMatchObject({
      legalEntityId: 'M-2',
      status: 'unknown',
      timezone: 'Asia/Shanghai',
      channelMix: {},
    });
  });
});
