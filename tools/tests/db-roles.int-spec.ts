import { adminQuery } from '@merchant-pulse/testing';
import { Client } from 'pg';

const SERVICE_SCHEMAS = [
  'merchant_registry',
  'transaction_ingestion',
  'churn_scoring',
  'reactivation',
  'after_sales',
];

/** Connects as a service's own role (created by `npm run infra:up`, password = role name locally). */
async function asRole<T>(role: string, work: (client: Client) => Promise<T>): Promise<T> {
  const host = process.env.PGHOST_FOR_ROLES ?? '127.0.0.1';
  const client = new Client({ host, port: 5432, database: 'merchant_pulse', user: role, password: role });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe('service database roles', () => {
  const probeTable = `role_probe_${process.pid}`;

  beforeAll(async () => {
    // One table per schema, created by its owner, so "permission denied" is about the schema, not absence.
    for (const schema of SERVICE_SCHEMAS) {
      await asRole(schema, (c) => c.query(`CREATE TABLE IF NOT EXISTS ${schema}.${probeTable} (id int)`));
    }
  });

  afterAll(async () => {
    for (const schema of SERVICE_SCHEMAS) await adminQuery(`DROP TABLE IF EXISTS ${schema}.${probeTable}`);
  });

  it.each(SERVICE_SCHEMAS)('should let %s use its own schema and nothing else', async (role) => {
    await asRole(role, async (client) => {
      await expect(client.query(`INSERT INTO ${role}.${probeTable} VALUES (1)`)).resolves.toBeDefined();
      for (const other of SERVICE_SCHEMAS.filter((s) => s !== role)) {
        await expect(client.query(`SELECT * FROM ${other}.${probeTable}`)).rejects.toThrow(
          `permission denied for schema ${other}`,
        );
        await expect(client.query(`CREATE TABLE ${other}.intruder (id int)`)).rejects.toThrow(
          /permission denied/,
        );
      }
      await expect(client.query(`CREATE TABLE public.intruder (id int)`)).rejects.toThrow(
        /permission denied/,
      );
    });
  });
});
