import { MERCHANT_KINDS } from '@merchant-pulse/contracts';
import request from 'supertest';
import { creditCodeFixture } from '../src/identity/identity.fixtures';
import { currentlyDue } from '../src/merchants/merchant-requirements';
import { BUSINESS_TYPES } from '../src/merchants/merchant.vocabulary';
import { businessApplication, individualApplication } from './registry-fixtures';
import { KEYS, RegistryHarness, startRegistry } from './registry.harness';

jest.setTimeout(120_000);

type Http = ReturnType<typeof request>;

/** The API call that clears each requirement code the model can report. */
const CLEARED_BY: Record<string, (http: Http, id: string) => Promise<unknown>> = {
  'contact.phone': (http, id) =>
    patch(http, id, { contact: { name: '张三', phone: '13912345678' } }).expect(200),
  'business.credit_code': (http, id) => patch(http, id, { creditCode: creditCodeFixture() }).expect(200),
  terminal_address: (http, id) => patch(http, id, { terminalAddress: '杭州市西湖区文三路1号' }).expect(200),
};
const documentOf = (code: string): string | undefined =>
  code.startsWith('documents.')
    ? code.slice('documents.'.length)
    : code.startsWith('store_photos.')
      ? `store_photo_${code.slice('store_photos.'.length)}`
      : undefined;

const auth = { Authorization: `Bearer ${KEYS.ops}` };
function patch(http: Http, id: string, body: Record<string, unknown>) {
  return http.patch(`/v1/merchants/${id}`).set(auth).send(body);
}

/** Every requirement code the model can report, for every kind of merchant, with nothing supplied. */
function everyRequirementCode(): string[] {
  const codes = new Set<string>();
  for (const kind of MERCHANT_KINDS) {
    for (const businessType of kind === 'business' ? BUSINESS_TYPES : [null]) {
      const facts = { kind, businessType, hasPhone: false, hasCreditCode: false, hasTerminalAddress: false };
      for (const code of currentlyDue({ ...facts, uploaded: [] })) codes.add(code);
    }
  }
  return [...codes];
}

describe('merchant-registry application corrections (real Postgres, Kafka, Redis)', () => {
  let h: RegistryHarness;
  const http = () => request(h.app.getHttpServer());

  beforeAll(async () => {
    h = await startRegistry('registry_changes');
  });
  afterAll(async () => h?.close());

  async function register(body: Record<string, unknown>): Promise<{ id: string; due: string[] }> {
    const res = await http().post('/v1/merchants').set(auth).send(body).expect(201);
    return { id: res.body.id, due: res.body.requirements.currentlyDue };
  }
  async function clear(id: string, code: string): Promise<void> {
    const doc = documentOf(code);
    if (doc) {
      await http()
        .put(`/v1/merchants/${id}/documents/${doc}`)
        .set(auth)
        .set('Content-Type', 'application/pdf')
        .send(Buffer.from(`%PDF-1.4 ${doc}`))
        .expect(201);
    } else {
      expect(CLEARED_BY[code]).toBeDefined();
      await CLEARED_BY[code](http(), id);
    }
  }
  async function due(id: string): Promise<string[]> {
    const res = await http().get(`/v1/merchants/${id}`).set(auth).expect(200);
    return res.body.requirements.currentlyDue;
  }
  const review = (id: string, body: Record<string, unknown>) =>
    http().post(`/v1/merchants/${id}/review`).set(auth).send(body);
  const status = (id: string, to: string) =>
    http()
      .post(`/v1/merchants/${id}/status`)
      .set(auth)
      .send({ to, reasonCodes: ['merchant_request'] });

  it('should have an API call for every requirement code the model can report', () => {
    for (const code of everyRequirementCode()) {
      expect([code, Boolean(documentOf(code) ?? CLEARED_BY[code])]).toEqual([code, true]);
    }
  });

  it('should let a business application with no credit code or terminal address clear every requirement and submit', async () => {
    const { id, due: initial } = await register(
      businessApplication({ creditCode: undefined, terminalAddress: undefined }),
    );
    expect(initial).toEqual(expect.arrayContaining(['business.credit_code', 'terminal_address']));
    for (const code of initial) {
      await clear(id, code);
      expect(await due(id)).not.toContain(code);
    }
    expect(await due(id)).toEqual([]);
    await http().post(`/v1/merchants/${id}/submit`).set(auth).expect(200);
  });

  it('should refuse immutable, unknown, invalid and business-only fields with the field named', async () => {
    const { id } = await register(individualApplication());
    const kind = await patch(http(), id, { kind: 'business' }).expect(422);
    expect(kind.body).toMatchObject({ code: 'immutable_field' });
    expect(JSON.stringify(kind.body)).toContain('kind');
    const mid = await patch(http(), id, { merchantId: 'OTHER' }).expect(422);
    expect(JSON.stringify(mid.body)).toContain('merchantId');
    const unknown = await patch(http(), id, { favouriteColour: 'red' }).expect(400);
    expect(JSON.stringify(unknown.body)).toContain('favouriteColour');
    const invalid = await patch(http(), id, { idNumber: '123', contact: { name: '', phone: '1' } }).expect(
      400,
    );
    expect(JSON.stringify(invalid.body)).toMatch(/idNumber/);
    expect(JSON.stringify(invalid.body)).toMatch(/phone/);
    const businessOnly = await patch(http(), id, { terminalAddress: '某地' }).expect(422);
    expect(businessOnly.body).toMatchObject({ code: 'business_only_field' });
    expect(JSON.stringify(businessOnly.body)).toContain('terminalAddress');
    await http()
      .patch(`/v1/merchants/${id}`)
      .set({ Authorization: `Bearer ${KEYS.reader}` })
      .send({ city: 'Ningbo' })
      .expect(403);
  });

  it('should send an application back for changes with reason codes, accept the correction and the resubmission', async () => {
    const { id, due: initial } = await register(individualApplication());
    for (const code of initial) await clear(id, code);
    await http().post(`/v1/merchants/${id}/submit`).set(auth).expect(200);
    await patch(http(), id, { city: 'Ningbo' }).expect(409);
    await review(id, { decision: 'start' }).expect(200);
    await review(id, { decision: 'request_changes' }).expect(400);
    const back = await review(id, { decision: 'request_changes', reasonCodes: ['document_mismatch'] });
    expect(back.status).toBe(200);
    expect(back.body.status).toBe('draft');
    const corrected = await patch(http(), id, {
      legalName: '王小明便利店（文三路店）',
      city: 'Ningbo',
    }).expect(200);
    expect(corrected.body).toMatchObject({
      legalName: '王小明便利店（文三路店）',
      city: 'Ningbo',
      status: 'draft',
    });
    expect(corrected.body.reviewReasonCodes).toEqual(['document_mismatch']);
    const timeline = await http().get(`/v1/merchants/${id}/timeline`).set(auth).expect(200);
    const types = (timeline.body.items as Array<{ type: string }>).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['ApplicationUpdated', 'MerchantUpdated']));
    await http().post(`/v1/merchants/${id}/submit`).set(auth).expect(200);
    await review(id, { decision: 'start' }).expect(200);
    await review(id, { decision: 'approve', reasonCodes: ['documents_verified'] }).expect(200);
    await http().post(`/v1/merchants/${id}/activate`).set(auth).expect(200);
  });

  it('should suspend and resume an active merchant, close it, and refuse everything after closing', async () => {
    const { id, due: initial } = await register(individualApplication());
    for (const code of initial) await clear(id, code);
    await http().post(`/v1/merchants/${id}/submit`).set(auth).expect(200);
    await review(id, { decision: 'start' }).expect(200);
    await review(id, { decision: 'approve', reasonCodes: ['documents_verified'] }).expect(200);
    await http().post(`/v1/merchants/${id}/activate`).set(auth).expect(200);
    expect((await status(id, 'suspended').expect(200)).body.status).toBe('suspended');
    await patch(http(), id, { city: 'Ningbo' }).expect(409);
    expect((await status(id, 'active').expect(200)).body.status).toBe('active');
    expect((await status(id, 'closed').expect(200)).body).toEqual({ status: 'closed', allowedNext: [] });
    const after = await status(id, 'active').expect(409);
    expect(after.body).toMatchObject({ currentStatus: 'closed', allowedNext: [] });
  });
});
