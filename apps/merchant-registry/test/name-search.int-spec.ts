import { adminQuery } from '@merchant-pulse/testing';
import request from 'supertest';
import { businessApplication, individualApplication } from './registry-fixtures';
import { KEYS, RegistryHarness, startRegistry } from './registry.harness';

jest.setTimeout(120_000);

const as = (secret: string) => ({ Authorization: `Bearer ${secret}` });

describe('merchant-registry name search (real Postgres, Kafka, Redis)', () => {
  let h: RegistryHarness;
  const ids: Record<string, string> = {};
  const http = () => request(h.app.getHttpServer());
  const byName = async (name: string, extra: Record<string, string | number> = {}) =>
    (
      (
        await http()
          .get('/v1/merchants')
          .query({ name, ...extra })
          .set(as(KEYS.reader))
          .expect(200)
      ).body.items as Array<{ id: string }>
    ).map((m) => m.id);

  beforeAll(async () => {
    h = await startRegistry('registry_name_search');
    const applications = {
      wang: individualApplication({ displayName: '王记便利店' }),
      dumplings: businessApplication({ displayName: 'Old Street Dumplings' }),
      percent: individualApplication({ displayName: '100%_Noodles Street', legalName: '百分百面馆' }),
    };
    for (const [key, body] of Object.entries(applications))
      ids[key] = (await http().post('/v1/merchants').set(as(KEYS.ops)).send(body).expect(201)).body.id;
  });
  afterAll(async () => h?.close());

  it('should find merchants whose display or legal name contains the text, in any case', async () => {
    expect(await byName('便利')).toEqual([ids.wang]);
    expect(await byName('street dump')).toEqual([ids.dumplings]);
    expect(await byName('STREET')).toEqual([ids.percent, ids.dumplings]);
    // Legal names too: the business's 上海老街小笼包餐饮有限公司.
    expect(await byName('小笼包')).toEqual([ids.dumplings]);
    expect(await byName('面馆')).toEqual([ids.percent]);
    expect(await byName('nobody here')).toEqual([]);
    // With the other filters, and paginated newest first.
    expect(await byName('便利', { region: 'North China' })).toEqual([]);
    const page = await http().get('/v1/merchants').query({ name: 'street', limit: 1 }).set(as(KEYS.reader));
    expect(page.body.items.map((m: { id: string }) => m.id)).toEqual([ids.percent]);
    const next = await http()
      .get('/v1/merchants')
      .query({ name: 'street', limit: 1, cursor: page.body.nextCursor })
      .set(as(KEYS.reader));
    expect(next.body.items.map((m: { id: string }) => m.id)).toEqual([ids.dumplings]);
  });

  it('should treat % and _ literally and refuse names shorter than 2 characters or with control characters', async () => {
    expect(await byName('0%_n')).toEqual([ids.percent]);
    expect(await byName('%%')).toEqual([]);
    expect(await byName('__')).toEqual([]);
    const short = await http().get('/v1/merchants').query({ name: 'a' }).set(as(KEYS.reader)).expect(400);
    expect(JSON.stringify(short.body)).toContain('name');
    await http().get('/v1/merchants').query({ name: 'ab\u0001' }).set(as(KEYS.reader)).expect(400);
  });

  it('should list exactly the merchants named in ids (unknown ids are absent) and refuse malformed lists', async () => {
    const listed = async (query: Record<string, string | number>) =>
      (
        (await http().get('/v1/merchants').query(query).set(as(KEYS.reader)).expect(200)).body
          .items as Array<{
          id: string;
          displayName: string;
        }>
      ).map((m) => [m.id, m.displayName]);
    expect(await listed({ ids: `${ids.wang},${ids.percent},M-UNKNOWN` })).toEqual([
      [ids.percent, '100%_Noodles Street'],
      [ids.wang, '王记便利店'],
    ]);
    expect(await listed({ ids: ids.dumplings, name: '便利' })).toEqual([]);
    for (const bad of ['', `${ids.wang},`, `${ids.wang};DROP`, Array(201).fill(ids.wang).join(',')]) {
      const res = await http().get('/v1/merchants').query({ ids: bad }).set(as(KEYS.reader)).expect(400);
      expect(JSON.stringify(res.body)).toContain('ids must be 1 to 200 comma-separated merchant ids');
    }
  });

  it('should have the trigram index for the contains-match', async () => {
    const rows = await adminQuery<{ indexdef: string }>(
      `SELECT indexdef FROM pg_indexes WHERE schemaname = $1 AND indexname = 'merchants_name_trgm_idx'`,
      [h.schema.schema],
    );
    expect(rows[0]?.indexdef).toContain('gin_trgm_ops');
  });
});
