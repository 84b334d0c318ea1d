import { MIGRATIONS_TABLE } from '@merchant-pulse/database';
import { HealthCheck, PublicHealthCheckError } from '@merchant-pulse/observability';

/** What the check needs of a TypeORM DataSource. */
export interface MigrationsSource {
  migrations: ReadonlyArray<{ name?: string; constructor: { name: string } }>;
  query(sql: string): Promise<Array<{ name: string }>>;
}

/**
 * Readiness check `migrations` for processes that do not migrate at boot (DB_MIGRATE_ON_BOOT=false,
 * Kubernetes: the `<service>-migrate` Job applies them): not ready while a migration this code ships
 * is not applied, so a new version's pods receive no traffic and start no consumers' work before the
 * Job has finished (the rollout waits; old pods keep serving). Once everything is applied the answer
 * cannot change for this process, so it stops querying.
 */
export function migrationsCheck(dataSource: MigrationsSource): HealthCheck {
  let applied = false;
  return {
    name: 'migrations',
    check: async () => {
      if (applied) return;
      const shipped = dataSource.migrations.map((m) => m.name ?? m.constructor.name);
      let done: Set<string>;
      try {
        done = new Set((await dataSource.query(`SELECT name FROM ${MIGRATIONS_TABLE}`)).map((r) => r.name));
      } catch {
        throw new PublicHealthCheckError('migrations not applied yet (no migrations table)');
      }
      const pending = shipped.filter((name) => !done.has(name));
      if (pending.length > 0) {
        throw new PublicHealthCheckError(
          `${pending.length} migration(s) not applied yet: ${pending.join(', ')}`,
        );
      }
      applied = true;
    },
  };
}
