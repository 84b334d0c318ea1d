import { INestApplication } from '@nestjs/common';
import { AnyEvent, createEvent, EVENT_EXAMPLES, Topics } from '@merchant-pulse/contracts';
import { createKafkaClient, EventProducer, TopicNamer } from '@merchant-pulse/kafka';
import {
  adminQuery,
  createTestSchema,
  createTestTopics,
  expectEventually,
  testInfra,
  TestSchema,
  TestTopics,
} from '@merchant-pulse/testing';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { RISK_SORTS, RiskSort } from '../src/risk/risk-cursor';
import { bootApp, SECRET } from './churn-scoring.fixtures';

jest.setTimeout(120_000);

interface Item {
  merchantId: string;
  score: number;
  pDormant30d: number | null;
  trailing90dFeeMinor: number;
  region: string | null;
  city: string | null;
}

const REGIONS = ['east', 'west', 'north'];
const IDS = Array.from({ length: 24 }, (_, i) => `M-${String(i).padStart(2, '0')}`);

/** The order the API promises: key in the sort's direction, ties by merchant id the other way. */
function expectedOrder(items: Item[], sort: RiskSort): string[] {
  const desc = sort.startsWith('-');
  const key = sort.replace('-', '');
  const value = (i: Item): number | string =>
    key === 'score'
      ? i.score
      : key === 'pDormant30d'
        ? (i.pDormant30d ?? -1)
        : key === 'fee90d'
          ? i.trailing90dFeeMinor
          : i.merchantId;
  const cmp = (a: number | string, b: number | string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...items]
    .sort((a, b) => {
      const byKey = cmp(value(a), value(b)) * (desc ? -1 : 1);
      return byKey !== 0 ? byKey : cmp(a.merchantId, b.merchantId) * (desc ? 1 : -1);
    })
    .map((i) => i.merchantId);
}

describe(`${AppModule.name} worklist region filter and sorts`, () => {
  let schema: TestSchema;
  let topics: TestTopics;
  let app: INestApplication;
  let producer: EventProducer;

  const get = (path: string, status = 200) =>
    request(app.getHttpServer()).get(path).set('Authorization', `Bearer ${SECRET}`).expect(status);
  const send = (events: AnyEvent[]) =>
    producer.send(
      events.map((e) => ({
        topic: Topics.MerchantLifecycle,
        key: e.merchantId,
        value: Buffer.from(JSON.stringify(e)),
      })),
    );
  /** Every page under `query`, following the cursor. */
  const walk = async (query: string, limit: number): Promise<Item[]> => {
    const out: Item[] = [];
    let cursor: string | null = null;
    do {
      const page = await get(`/v1/risks?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      out.push(...(page.body.items as Item[]));
      cursor = page.body.nextCursor as string | null;
    } while (cursor);
    return out;
  };

  beforeAll(async () => {
    schema = await createTestSchema('churn_worklist');
    topics = await createTestTopics('churn_worklist', 1);
    producer = new EventProducer(
      createKafkaClient({ brokers: testInfra.kafkaBrokers, clientId: 'churn-worklist-test' }),
      new TopicNamer(topics.prefix),
    );
    ({ app } = await bootApp(schema.schema, topics.prefix, '2026-03-01T00:00:00.000Z'));
  });

  afterAll(async () => {
    await app?.close();
    await producer?.disconnect?.();
    await schema?.drop();
    await topics?.drop();
  });

  it('should project region and city from lifecycle, filter by region and page every sort in order', async () => {
    await send(
      IDS.map((id, i) =>
        createEvent('MerchantRegistered', {
          merchantId: id,
          producer: 'merchant-registry',
          occurredAt: '2026-01-01T00:00:00.000Z',
          payload: {
            ...EVENT_EXAMPLES.MerchantRegistered,
            status: 'active',
            registeredAt: '2026-01-01T00:00:00.000Z',
            region: i % 4 === 3 ? undefined : REGIONS[i % 3],
            city: `City-${i % 5}`,
          },
        }),
      ),
    );
    // Registration rescores the merchants; their risk rows carry the projected region.
    await expectEventually(
      async () => {
        const all = await walk('sort=merchantId', 500);
        expect(all).toHaveLength(IDS.length);
        expect(all.find((i) => i.merchantId === 'M-00')).toMatchObject({ region: 'east', city: 'City-0' });
        expect(all.find((i) => i.merchantId === 'M-03')).toMatchObject({ region: null });
      },
      { timeoutMs: 60_000 },
    );
    // Spread the keys (with ties and unknown pDormant30d) so that every sort and tie-break shows.
    await adminQuery(
      `UPDATE "${schema.schema}".merchant_risk SET score = (hashtext(merchant_id) & 7) * 10,
         trailing_90d_fee_minor = (hashtext(merchant_id || 'f') & 3) * 1000,
         p_dormant_30d = CASE WHEN hashtext(merchant_id) & 4 = 0 THEN NULL ELSE (hashtext(merchant_id || 'p') & 3) / 4.0 END`,
    );
    const all = (await get('/v1/risks?limit=500')).body.items as Item[];
    expect((await get('/v1/risks/regions')).body.items).toEqual([
      { region: 'east' },
      { region: 'north' },
      { region: 'west' },
    ]);
    expect(all.map((i) => i.merchantId)).toEqual(expectedOrder(all, '-score'));

    for (const sort of RISK_SORTS) {
      const walked = await walk(`sort=${encodeURIComponent(sort)}`, 5);
      expect(walked.map((i) => i.merchantId)).toEqual(expectedOrder(all, sort));
      const east = await walk(`sort=${encodeURIComponent(sort)}&region=east`, 3);
      expect(east.map((i) => i.merchantId)).toEqual(
        expectedOrder(
          all.filter((i) => i.region === 'east'),
          sort,
        ),
      );
    }

    const first = await get('/v1/risks?limit=2&sort=-fee90d');
    const refused = await get(`/v1/risks?limit=2&sort=-score&cursor=${first.body.nextCursor}`, 400);
    expect(JSON.stringify(refused.body)).toContain('cursor');
    await get('/v1/risks?sort=risk', 400);
    await get('/v1/risks?region=', 400);

    // A later profile update moves the merchant; an older one (replayed out of order) does not.
    const moved = (region: string, updatedAt: string) =>
      createEvent('MerchantUpdated', {
        merchantId: 'M-00',
        producer: 'merchant-registry',
        occurredAt: updatedAt,
        payload: {
          ...EVENT_EXAMPLES.MerchantUpdated,
          region,
          city: 'Chengdu',
          changedFields: ['city'],
          updatedAt,
        },
      });
    await send([moved('southwest', '2026-02-01T00:00:00.000Z'), moved('stale', '2026-01-15T00:00:00.000Z')]);
    await expectEventually(async () => {
      const sw = (await get('/v1/risks?region=southwest')).body.items as Item[];
      expect(sw).toEqual([
        expect.objectContaining({ merchantId: 'M-00', region: 'southwest', city: 'Chengdu' }),
      ]);
    });
    expect((await get('/v1/risks?region=stale')).body.items).toEqual([]);
  });
});
