import { adminQuery } from '@merchant-pulse/testing';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { EncryptedObjectStorage } from '@merchant-pulse/secure-storage';
import { individualApplication } from './registry-fixtures';
import { KEYS, RegistryHarness, startRegistry } from './registry.harness';

jest.setTimeout(120_000);

const keyA = { id: 'k2026a', key: randomBytes(32).toString('base64') };
const keyB = { id: 'k2026b', key: randomBytes(32).toString('base64') };
const ring = (...keys: Array<typeof keyA>) => ({ PII_ENCRYPTION_KEYS: JSON.stringify(keys) });
const ops = { Authorization: `Bearer ${KEYS.ops}` };
const pii = { Authorization: `Bearer ${KEYS.pii}` };

interface Seeded {
  id: string;
  phone: string;
  idNumber: string;
  document: Buffer;
}

describe('merchant-registry PII at rest and key rotation (real Postgres, Kafka, Redis)', () => {
  let h: RegistryHarness;
  const http = () => request(h.app.getHttpServer());
  const seeded: Seeded[] = [];
  const q = <R = Record<string, unknown>>(sql: string) =>
    adminQuery<R>(sql.replaceAll('$schema', h.schema.schema));

  beforeAll(async () => {
    h = await startRegistry('registry_pii', { env: ring(keyA) });
  });
  afterAll(async () => h?.close());

  async function seed(n: number): Promise<void> {
    const body = individualApplication();
    const res = await http().post('/v1/merchants').set(ops).send(body).expect(201);
    const document = Buffer.from(`%PDF-1.4 ID-CARD-FRONT-PLAINTEXT-${n}`);
    await http()
      .put(`/v1/merchants/${res.body.id}/documents/id_card_front`)
      .set(ops)
      .set('Content-Type', 'application/pdf')
      .send(document)
      .expect(201);
    const contact = body.contact as { phone: string };
    seeded.push({ id: res.body.id, phone: contact.phone, idNumber: body.idNumber as string, document });
  }
  const storageKeys = () =>
    q<{ merchantId: string; storageKey: string; keyId: string | null }>(
      `SELECT merchant_id AS "merchantId", storage_key AS "storageKey", key_id AS "keyId" FROM "$schema".merchant_documents ORDER BY merchant_id`,
    );

  it('should store KYC documents encrypted under the primary key, never in plaintext', async () => {
    for (let n = 0; n < 5; n++) await seed(n);
    const docs = await storageKeys();
    expect(docs).toHaveLength(5);
    for (const doc of docs) {
      const onDisk = readFileSync(join(h.objectsDir, doc.storageKey));
      expect(onDisk.subarray(0, 4).toString()).toBe('PMD1');
      expect(onDisk.includes('ID-CARD-FRONT-PLAINTEXT')).toBe(false);
      expect(doc.keyId).toBe(keyA.id);
    }
    const storage = h.app.get(EncryptedObjectStorage);
    expect((await storage.get(docs[0].storageKey))!.toString()).toContain('ID-CARD-FRONT-PLAINTEXT');
  });

  it('should re-encrypt every token and document under a new key so the old key can be retired', async () => {
    // One document from before encryption existed: plaintext on disk, no key id.
    const [legacy] = await storageKeys();
    const legacyBytes = Buffer.from('%PDF-1.4 LEGACY-PLAINTEXT-DOCUMENT');
    writeFileSync(join(h.objectsDir, legacy.storageKey), legacyBytes);
    await q(
      `UPDATE "$schema".merchant_documents SET key_id = NULL WHERE storage_key = '${legacy.storageKey}'`,
    );

    await h.stop();
    h = await startRegistry('registry_pii', { from: h, env: ring(keyB, keyA) });
    const first = await http().post('/v1/pii/reencryption-runs').set(pii).send({ batchSize: 2 }).expect(200);
    expect(first.body).toEqual({ primaryKeyId: keyB.id, merchants: 5, documents: 5, missingDocuments: 0 });
    const again = await http().post('/v1/pii/reencryption-runs').set(pii).send({}).expect(200);
    expect(again.body).toMatchObject({ merchants: 0, documents: 0 });
    await http().post('/v1/pii/reencryption-runs').set(ops).send({}).expect(403);

    const [{ stale }] = await q<{ stale: string }>(
      `SELECT count(*) AS stale FROM "$schema".merchants
       WHERE phone_enc NOT LIKE 'v1.${keyB.id}.%' OR id_number_enc NOT LIKE 'v1.${keyB.id}.%'
          OR card_enc NOT LIKE 'v1.${keyB.id}.%' OR email_enc NOT LIKE 'v1.${keyB.id}.%'`,
    );
    expect(Number(stale)).toBe(0);

    // Key A retired: every merchant still reads in clear, phone lookups find them, documents open.
    await h.stop();
    h = await startRegistry('registry_pii', { from: h, env: ring(keyB) });
    const storage = h.app.get(EncryptedObjectStorage);
    const docs = await storageKeys();
    for (const s of seeded) {
      const res = await http().get(`/v1/merchants/${s.id}`).set(pii).expect(200);
      expect(res.body).toMatchObject({ idNumber: s.idNumber, contact: { phone: s.phone }, piiMasked: false });
      const found = await http().post('/v1/merchants/search').send({ phone: s.phone }).set(pii).expect(200);
      expect(found.body.items.map((m: { id: string }) => m.id)).toEqual([s.id]);
      const doc = docs.find((d) => d.merchantId === s.id)!;
      expect(doc.keyId).toBe(keyB.id);
      const expected = doc.storageKey === legacy.storageKey ? legacyBytes : s.document;
      expect((await storage.get(doc.storageKey))!.equals(expected)).toBe(true);
    }
  });
});
