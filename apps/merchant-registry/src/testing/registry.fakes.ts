import { FakeClock } from '@merchant-pulse/clock';
import type { AnyEvent } from '@merchant-pulse/contracts';
import { EntityManager } from 'typeorm';
import { MerchantRecord } from '../merchants/merchant.record';
import { MerchantRepository } from '../merchants/merchant.repository';
import { RegistryEventsOutbox } from '../shared/registry-events.outbox';
import { TransactionRunner } from '../shared/transaction.runner';

/** In-memory fakes of the registry's I/O seams, for use-case unit tests (specs only). */
export class FakeTransactionRunner {
  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return work({} as EntityManager);
  }
}

/** Merchants in a Map. */
export class FakeMerchantRepository {
  readonly rows = new Map<string, MerchantRecord>();
  async insertMany(_m: EntityManager, records: readonly MerchantRecord[]): Promise<void> {
    for (const r of records) this.rows.set(r.id, structuredClone(r));
  }
  async exists(_m: EntityManager, id: string): Promise<boolean> {
    return this.rows.has(id);
  }
  async findById(id: string): Promise<MerchantRecord | null> {
    return this.rows.get(id) ?? null;
  }
  async lockById(_m: EntityManager, id: string): Promise<MerchantRecord | null> {
    return this.rows.has(id) ? structuredClone(this.rows.get(id)!) : null;
  }
  async update(_m: EntityManager, id: string, patch: Partial<MerchantRecord>): Promise<void> {
    this.rows.set(id, { ...this.rows.get(id)!, ...patch });
  }
}

/** Collects emitted events. */
export class FakeEventsOutbox {
  readonly emitted: AnyEvent[] = [];
  async emit(_m: EntityManager, events: readonly AnyEvent[]): Promise<void> {
    this.emitted.push(...events);
  }
}

/** The fakes typed as the real classes, ready to inject. */
export function registryFakes() {
  const merchants = new FakeMerchantRepository();
  const events = new FakeEventsOutbox();
  const clock = new FakeClock('2026-03-01T02:00:00.000Z');
  return {
    merchants,
    events,
    clock,
    tx: new FakeTransactionRunner() as unknown as TransactionRunner,
    merchantRepository: merchants as unknown as MerchantRepository,
    outbox: events as unknown as RegistryEventsOutbox,
  };
}
