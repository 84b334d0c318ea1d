import { PublicHealthCheckError } from '@merchant-pulse/observability';
import { migrationsCheck, MigrationsSource } from './migrations.check';

class Init1700000000000 {}
class AddOutbox1700000000001 {}

function source(applied: string[] | 'no-table'): MigrationsSource & { queries: number } {
  const s = {
    queries: 0,
    migrations: [new Init1700000000000(), new AddOutbox1700000000001()],
    query: async () => {
      s.queries++;
      if (applied === 'no-table') throw new Error('relation "typeorm_migrations" does not exist');
      return applied.map((name) => ({ name }));
    },
  };
  return s;
}

describe(migrationsCheck.name, () => {
  it('should fail naming the pending migrations when the migrate Job has not applied them', async () => {
    await expect(migrationsCheck(source(['Init1700000000000'])).check()).rejects.toThrow(
      new PublicHealthCheckError('1 migration(s) not applied yet: AddOutbox1700000000001'),
    );
  });

  it('should fail when the schema has no migrations table yet', async () => {
    await expect(migrationsCheck(source('no-table')).check()).rejects.toThrow(/no migrations table/);
  });

  it('should pass and stop querying once every shipped migration is applied', async () => {
    const s = source(['Init1700000000000', 'AddOutbox1700000000001', 'FromANewerVersion1800000000000']);
    const check = migrationsCheck(s);
    await check.check();
    await check.check();
    expect(s.queries).toBe(1);
  });
});
