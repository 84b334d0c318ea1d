import { EntityManager, EntitySubscriberInterface, TransactionCommitEvent } from 'typeorm';

const HOOKS = 'ingestionAfterCommit';

/**
 * Runs `hook` once the transaction of `manager` has committed (never if it rolls back): for effects
 * outside the database — Prometheus counters, cache invalidation — that must not happen twice when a
 * chunk is retried. Runs immediately when the manager is not in a transaction.
 */
export function afterCommit(manager: EntityManager, hook: () => void): void {
  const runner = manager.queryRunner;
  if (!runner || !runner.isTransactionActive) {
    hook();
    return;
  }
  const data = runner.data as Record<string, Array<() => void> | undefined>;
  (data[HOOKS] ??= []).push(hook);
}

/** Subscriber that fires the hooks registered with {@link afterCommit}; registered once at boot. */
export class AfterCommitSubscriber implements EntitySubscriberInterface {
  afterTransactionCommit(event: TransactionCommitEvent): void {
    fire(event.queryRunner.data as Record<string, Array<() => void> | undefined>, true);
  }

  afterTransactionRollback(event: TransactionCommitEvent): void {
    fire(event.queryRunner.data as Record<string, Array<() => void> | undefined>, false);
  }
}

function fire(data: Record<string, Array<() => void> | undefined>, run: boolean): void {
  const hooks = data[HOOKS];
  data[HOOKS] = undefined;
  if (run) for (const hook of hooks ?? []) hook();
}
