import { INestApplication } from '@nestjs/common';
import { loadConfig } from '@merchant-pulse/config';
import {
  adminQuery,
  createTestTopics,
  startTestApp,
  TEST_ADMIN_SECRET,
  testInfra,
  testServiceEnv,
  TestTopics,
  uniqueName,
} from '@merchant-pulse/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { TransactionIngestionConfig } from '../src/config/transaction-ingestion.config';
import { MaintenanceJob } from '../src/maintenance/maintenance.job';

jest.setTimeout(60_000);

const BOOTSTRAP = join(__dirname, '../../../tools/infra/postgres/bootstrap.sql');

/** The runtime-role grants exactly as bootstrap.sql defines them (the block between its markers). */
function grantRuntimeRoleProcedure(): string {
  const sql = readFileSync(BOOTSTRAP, 'utf8');
  const block = /-- BEGIN grant_runtime_role[^\n]*\n([\s\S]*?)-- END grant_runtime_role/.exec(sql);
  if (!block) throw new Error(`no grant_runtime_role block in ${BOOTSTRAP}`);
  return block[1];
}

function roleUrl(role: string): string {
  const url = new URL(testInfra.adminDatabaseUrl);
  url.username = role;
  url.password = role;
  return url.toString();
}

/** The SQLSTATE a statement fails with as `role`, or `ok`. */
async function attempt(client: Client, sql: string): Promise<string> {
  try {
    await client.query(sql);
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

describe('transaction-ingestion database roles (real Postgres, Kafka, Redis)', () => {
  const schema = uniqueName('roles');
  const owner = `${schema}_own`;
  const runtime = `${schema}_app`;
  let topics: TestTopics;
  let app: INestApplication;
  let asRuntime: Client;

  beforeAll(async () => {
    await adminQuery(`CREATE ROLE "${owner}" LOGIN PASSWORD '${owner}'`);
    await adminQuery(`CREATE ROLE "${runtime}" LOGIN PASSWORD '${runtime}'`);
    await adminQuery(`CREATE SCHEMA "${schema}" AUTHORIZATION "${owner}"`);
    await adminQuery(`REVOKE ALL ON SCHEMA "${schema}" FROM PUBLIC`);
    await adminQuery(grantRuntimeRoleProcedure());
    await adminQuery('CALL public.pulse_grant_runtime_role($1, $2, $3)', [schema, owner, runtime]);
    topics = await createTestTopics('roles', 1);
    const env = testServiceEnv({
      schema,
      topicPrefix: topics.prefix,
      env: {
        DATABASE_URL: roleUrl(runtime),
        DATABASE_MIGRATION_URL: roleUrl(owner),
        MAINTENANCE_INTERVAL_MS: '3600000',
      },
    });
    app = await startTestApp(
      AppModule.forRoot(loadConfig(TransactionIngestionConfig, env)),
      'transaction-ingestion',
    );
    asRuntime = new Client({ connectionString: roleUrl(runtime) });
    await asRuntime.connect();
    await asRuntime.query(`SET search_path TO "${schema}"`);
  });

  afterAll(async () => {
    await asRuntime?.end();
    await app?.close();
    await topics?.drop();
    await adminQuery(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    for (const role of [runtime, owner]) {
      await adminQuery(`DROP OWNED BY "${role}"`);
      await adminQuery(`DROP ROLE IF EXISTS "${role}"`);
    }
  });

  it('should migrate as the owner and serve and maintain partitions as the runtime role', async () => {
    const owners = await adminQuery<{ owner: string }>(
      `SELECT DISTINCT tableowner AS owner FROM pg_tables WHERE schemaname = $1`,
      [schema],
    );
    expect(owners).toEqual([{ owner }]);
    const [session] = await adminQuery<{ users: string[] }>(
      `SELECT array_agg(DISTINCT usename::text) AS users FROM pg_stat_activity WHERE application_name = 'transaction-ingestion'
          AND usename IN ($1, $2)`,
      [owner, runtime],
    );
    expect(session.users).toEqual([runtime]);

    await request(app.getHttpServer())
      .get('/v1/merchants/m-1/transactions')
      .set('Authorization', `Bearer ${TEST_ADMIN_SECRET}`)
      .expect(200);
    await app.get(MaintenanceJob).runOnce();
    const next = await asRuntime.query(`SELECT ensure_transaction_partitions('2031-01-01', 1) AS created`);
    expect(next.rows[0].created).toBe(1);
    const [partition] = await adminQuery<{ owner: string }>(
      `SELECT tableowner AS owner FROM pg_tables WHERE schemaname = $1 AND tablename = 'transactions_2031_01'`,
      [schema],
    );
    expect(partition.owner).toBe(owner);
  });

  it('should let the runtime role read and write rows but not DROP, TRUNCATE, ALTER, CREATE or GRANT', async () => {
    expect(
      await attempt(
        asRuntime,
        `INSERT INTO ingest_offsets (topic, partition, next_offset) VALUES ('t', 0, 1)`,
      ),
    ).toBe('ok');
    expect(await attempt(asRuntime, `UPDATE ingest_offsets SET next_offset = 2 WHERE topic = 't'`)).toBe(
      'ok',
    );
    expect(await attempt(asRuntime, `DELETE FROM ingest_offsets WHERE topic = 't'`)).toBe('ok');
    const acls = () =>
      adminQuery(
        `SELECT (SELECT relacl::text FROM pg_class WHERE oid = $1::regclass) AS table_acl,
                (SELECT nspacl::text FROM pg_namespace WHERE nspname = $2) AS schema_acl`,
        [`"${schema}".ingest_offsets`, schema],
      );
    const aclBefore = await acls();

    const refused = {
      drop: await attempt(asRuntime, 'DROP TABLE ingest_offsets'),
      truncate: await attempt(asRuntime, 'TRUNCATE ingest_offsets'),
      alter: await attempt(asRuntime, 'ALTER TABLE ingest_offsets ADD COLUMN x int'),
      create: await attempt(asRuntime, 'CREATE TABLE sneaky (id int)'),
      dropPartition: await attempt(asRuntime, 'DROP TABLE transactions_2031_01'),
    };
    // A GRANT by a role without grant options only warns: it must have granted nothing.
    await attempt(asRuntime, 'GRANT SELECT ON ingest_offsets TO PUBLIC');
    await attempt(asRuntime, `GRANT USAGE, CREATE ON SCHEMA "${schema}" TO PUBLIC`);

    expect(refused).toEqual({
      drop: '42501',
      truncate: '42501',
      alter: '42501',
      create: '42501',
      dropPartition: '42501',
    });
    expect(await acls()).toEqual(aclBefore);
  });

  it('should keep the runtime role out of every other schema', async () => {
    const results = {
      registry: await attempt(asRuntime, 'SELECT 1 FROM merchant_registry.merchants LIMIT 1'),
      ingestion: await attempt(asRuntime, 'SELECT 1 FROM transaction_ingestion.transactions LIMIT 1'),
      createInPublic: await attempt(asRuntime, 'CREATE TABLE public.sneaky (id int)'),
    };

    expect(results).toEqual({ registry: '42501', ingestion: '42501', createInPublic: '42501' });
  });
});
