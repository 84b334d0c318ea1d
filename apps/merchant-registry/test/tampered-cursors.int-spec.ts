import { tamperedCursorMisses } from '@merchant-pulse/testing';
import request from 'supertest';
import { individualApplication } from './registry-fixtures';
import { KEYS, RegistryHarness, startRegistry } from './registry.harness';

jest.setTimeout(60_000);

describe('merchant-registry cursors (real Postgres, Kafka, Redis)', () => {
  let h: RegistryHarness;
  const http = () => request(h.app.getHttpServer());
  const auth = { Authorization: `Bearer ${KEYS.ops}` };

  beforeAll(async () => {
    h = await startRegistry('registry_cursors');
  });
  afterAll(async () => h?.close());

  it('should answer 400 naming the cursor when a merchant list cursor is tampered with', async () => {
    const misses = await tamperedCursorMisses((cursor) =>
      http().get('/v1/merchants').query({ cursor }).set(auth),
    );

    expect(misses).toEqual([]);
  });

  it('should answer 400 naming the cursor when a timeline cursor is tampered with, and page with a real one', async () => {
    const created = await http().post('/v1/merchants').set(auth).send(individualApplication()).expect(201);
    const id = created.body.id as string;
    await http().post('/v1/merchants').set(auth).send(individualApplication()).expect(201);

    const misses = await tamperedCursorMisses((cursor) =>
      http().get(`/v1/merchants/${id}/timeline`).query({ cursor }).set(auth),
    );

    expect(misses).toEqual([]);
    const first = await http().get('/v1/merchants').query({ limit: 1 }).set(auth).expect(200);
    const second = await http()
      .get('/v1/merchants')
      .query({ limit: 1, cursor: first.body.nextCursor })
      .set(auth)
      .expect(200);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
  });
});
