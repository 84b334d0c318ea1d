import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { MerchantEventHooks } from '../../merchant-event.hooks';
import { ActivitySnapshot, MerchantProjectionsRepository } from '../../merchant-projections.repository';
import { RecordMerchantActivityCommand } from './record-merchant-activity.command';

/** Keeps, per (merchant, date), only the snapshot with the latest asOf (a chunk may hold several). */
export function latestSnapshots(snapshots: readonly ActivitySnapshot[]): ActivitySnapshot[] {
  const latest = new Map<string, ActivitySnapshot>();
  for (const s of snapshots) {
    const key = `${s.merchantId}|${s.date}`;
    const kept = latest.get(key);
    if (!kept || Date.parse(kept.asOf) < Date.parse(s.asOf)) latest.set(key, s);
  }
  return [...latest.values()];
}

/**
 * Stores daily activity snapshots (latest asOf per merchant-day wins) and hands the ones that changed
 * what is stored to the hooks (conversions) — a replayed snapshot changes nothing.
 */
@Injectable()
export class RecordMerchantActivityUseCase {
  constructor(
    private readonly projections: MerchantProjectionsRepository,
    private readonly hooks: MerchantEventHooks,
  ) {}

  async execute(
    manager: EntityManager,
    command: RecordMerchantActivityCommand,
  ): Promise<{ changed: number }> {
    const changed = await this.projections.upsertActivity(manager, latestSnapshots(command.snapshots));
    if (changed.length > 0) await this.hooks.afterActivity(manager, changed);
    return { changed: changed.length };
  }
}
