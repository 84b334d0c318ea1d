import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { EntityManager } from 'typeorm';
import { TransactionIngestionConfig } from '../config/transaction-ingestion.config';
import { MerchantProjectionRepository } from './merchant-projection.repository';
import { MerchantView } from './merchant-view';

interface Entry {
  view: MerchantView;
  loadedAtMs: number;
}

/**
 * The merchant projection in memory: the hot path resolves merchants without a query. Entries are
 * invalidated when this process applies a lifecycle event (after its commit) and expire after
 * PROJECTION_CACHE_TTL_SECONDS so changes applied by another instance are picked up. Unknown merchants
 * are never cached (they may be registered any moment).
 */
@Injectable()
export class MerchantProjectionCache {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;

  constructor(
    private readonly repository: MerchantProjectionRepository,
    @Inject(Clock) private readonly clock: Clock,
    config: TransactionIngestionConfig,
  ) {
    this.ttlMs = config.PROJECTION_CACHE_TTL_SECONDS * 1000;
  }

  /** Views of the given merchants (one query for the ones not cached); unknown ids are absent. */
  async resolve(ids: Iterable<string>, manager?: EntityManager): Promise<Map<string, MerchantView>> {
    const now = this.clock.nowMs();
    const found = new Map<string, MerchantView>();
    const missing: string[] = [];
    for (const id of new Set(ids)) {
      const entry = this.entries.get(id);
      if (entry && now - entry.loadedAtMs < this.ttlMs) found.set(id, entry.view);
      else missing.push(id);
    }
    if (missing.length > 0) {
      const loaded = await this.repository.load(missing, manager);
      for (const [id, view] of loaded) {
        this.entries.set(id, { view, loadedAtMs: now });
        found.set(id, view);
      }
    }
    return found;
  }

  /** Forgets merchants whose projection changed. */
  invalidate(ids: Iterable<string>): void {
    for (const id of ids) this.entries.delete(id);
  }
}
