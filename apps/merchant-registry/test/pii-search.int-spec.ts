import { adminQuery } from '@merchant-pulse/testing';
import request from 'supertest';
import { individualApplication } from './registry-fixtures';
import { KEYS, RegistryHarness, startRegistry } from './registry.harness';

jest.setTimeout(120_000);

const as = (secret: string) => ({ Authorization: `Bearer ${secret}` });

describe('merchant-registry PII search and access audit (real Postgres, Kafka, Redis)', () => {
  let h: RegistryHarness;
  let id: string;
  let phone: string;
  const http = () => request(h.app.getHttpServer());
  const audit = async () =>
    (await http().get(`/v1/merchants/${id}/pii-access`).set(as(KEYS.pii)).expect(200)).body.items as Array<{
      actor: string;
      action: string;
      merchantId: string;
      detail: string;
    }>;

  beforeAll(async () => {
    h = await startRegistry('registry_pii_search');
    const body = individualApplication();
    phone = (body.contact as { phone: string }).phone;
    id = (await http().post('/v1/merchants').set(as(KEYS.ops)).send(body).expect(201)).body.id;
  });
  afterAll(async () => h?.close());

  it('should refuse phone and ID-number filters in the URL', async () => {
    const res = await http().get('/v1/merchants').query({ phone }).set(as(KEYS.pii)).expect(400);
    expect(JSON.stringify(res.body)).toContain('phone');
    await http().get('/v1/merchants').query({ idNumber: '110105199003071234' }).set(as(KEYS.pii)).expect(400);
  });

  it('should need pii:search, exactly one key and audit every search without storing the value', async () => {
    await http().post('/v1/merchants/search').set(as(KEYS.reader)).send({ phone }).expect(403);
    await http().post('/v1/merchants/search').set(as(KEYS.search)).send({}).expect(400);
    await http()
      .post('/v1/merchants/search')
      .set(as(KEYS.search))
      .send({ phone, idNumber: '110105199003071234' })
      .expect(400);
    const found = await http().post('/v1/merchants/search').set(as(KEYS.search)).send({ phone }).expect(200);
    expect(found.body.items).toHaveLength(1);
    expect(found.body.items[0]).toMatchObject({ id, piiMasked: true });
    const none = await http()
      .post('/v1/merchants/search')
      .set(as(KEYS.search))
      .send({ phone: '13000000000' })
      .expect(200);
    expect(none.body.items).toEqual([]);
    expect(await audit()).toContainEqual(
      expect.objectContaining({
        actor: 'searcher',
        action: 'search',
        detail: 'POST /v1/merchants/search by phone',
      }),
    );
    const [{ n }] = await adminQuery<{ n: string }>(
      `SELECT count(*) AS n FROM "${h.schema.schema}".pii_access_audit WHERE merchant_id IS NULL AND actor = 'searcher'`,
    );
    expect(Number(n)).toBe(1);
    const leaked = await adminQuery(
      `SELECT 1 FROM "${h.schema.schema}".pii_access_audit t WHERE t::text LIKE $1`,
      [`%${phone}%`],
    );
    expect(leaked).toEqual([]);
  });

  it('should audit every reveal (one merchant, a list page, a revealing search) with who and which merchant', async () => {
    const before = (await audit()).length;
    await http().get(`/v1/merchants/${id}`).set(as(KEYS.reader)).expect(200);
    expect((await audit()).length).toBe(before);
    await http().get(`/v1/merchants/${id}`).set(as(KEYS.pii)).expect(200);
    await http().get('/v1/merchants').set(as(KEYS.pii)).expect(200);
    const revealed = await http().post('/v1/merchants/search').set(as(KEYS.pii)).send({ phone }).expect(200);
    expect(revealed.body.items[0].contact.phone).toBe(phone);
    const entries = (await audit()).slice(0, (await audit()).length - before);
    expect(entries.map((e) => [e.actor, e.action, e.detail]).reverse()).toEqual([
      ['pii-reader', 'reveal', 'GET /v1/merchants/{id}'],
      ['pii-reader', 'reveal', 'GET /v1/merchants'],
      ['pii-reader', 'search', 'POST /v1/merchants/search by phone'],
      ['pii-reader', 'reveal', 'POST /v1/merchants/search by phone'],
    ]);
    await http().get(`/v1/merchants/${id}/pii-access`).set(as(KEYS.reader)).expect(403);
  });

  it('should keep the audit append-only even for the database owner', async () => {
    const table = `"${h.schema.schema}".pii_access_audit`;
    await expect(adminQuery(`UPDATE ${table} SET actor = 'someone-else'`)).rejects.toThrow(/append-only/);
    await expect(adminQuery(`DELETE FROM ${table}`)).rejects.toThrow(/append-only/);
    await expect(adminQuery(`TRUNCATE ${table}`)).rejects.toThrow(/append-only/);
  });
});
