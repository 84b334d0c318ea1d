import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RescoreTouchedMerchants } from '../../../risk/use-cases/rescore-merchants/rescore-merchants-now';
import { ActivitySnapshot, MerchantActivityRepository } from '../../merchant-activity.repository';
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
 * Stores daily activity snapshots (latest asOf per merchant-day wins) and rescores the merchants
 * whose activity actually changed — a replayed snapshot changes nothing and rescores nobody.
 */
@Injectable()
export class RecordMerchantActivityUseCase {
  constructor(
    private readonly activity: MerchantActivityRepository,
    private readonly rescore: RescoreTouchedMerchants,
  ) {}

  async execute(
    manager: EntityManager,
    command: RecordMerchantActivityCommand,
  ): Promise<{ changedMerchants: number }> {
    const changed = await this.activity.upsertSnapshots(manager, latestSnapshots(command.snapshots));
    if (changed.length > 0) await this.rescore.execute(manager, changed);
    return { changedMerchants: changed.length };
  }
}
