import { EntityManager } from 'typeorm';
import { ActivitySnapshot, MerchantActivityRepository } from '../../merchant-activity.repository';
import { RescoreTouchedMerchants } from '../../../risk/use-cases/rescore-merchants/rescore-merchants-now';
import { RecordMerchantActivityCommand } from './record-merchant-activity.command';
import { latestSnapshots, RecordMerchantActivityUseCase } from './record-merchant-activity.use-case';

const snap = (merchantId: string, date: string, asOf: string, approvedCount: number): ActivitySnapshot => ({
  merchantId,
  date,
  asOf,
  approvedCount,
  declinedCount: 0,
  approvedAmountMinor: approvedCount * 100,
  netAmountMinor: approvedCount * 100,
  feeMinor: approvedCount,
  cardReadFailureCount: 0,
  lastApprovedAt: null,
});

describe(RecordMerchantActivityUseCase.name, () => {
  const manager = {} as EntityManager;

  it('should keep only the latest snapshot per merchant-day when a chunk holds several', () => {
    const kept = latestSnapshots([
      snap('m1', '2026-03-01', '2026-03-01T10:00:00Z', 5),
      snap('m1', '2026-03-01', '2026-03-01T09:00:00Z', 3),
      snap('m1', '2026-03-02', '2026-03-02T09:00:00Z', 1),
    ]);
    expect(kept.map((s) => s.approvedCount).sort()).toEqual([1, 5]);
  });

  it('should rescore only the merchants whose stored activity changed when snapshots are replayed', async () => {
    const upsert = jest.fn().mockResolvedValue([]);
    const rescore = { execute: jest.fn() };
    const useCase = new RecordMerchantActivityUseCase(
      { upsertSnapshots: upsert } as unknown as MerchantActivityRepository,
      rescore as unknown as RescoreTouchedMerchants,
    );
    const outcome = await useCase.execute(
      manager,
      new RecordMerchantActivityCommand([snap('m1', '2026-03-01', '2026-03-01T10:00:00Z', 5)]),
    );
    expect(outcome.changedMerchants).toBe(0);
    expect(rescore.execute).not.toHaveBeenCalled();
  });

  it('should rescore the changed merchants in the same transaction when new snapshots arrive', async () => {
    const rescore = { execute: jest.fn() };
    const useCase = new RecordMerchantActivityUseCase(
      { upsertSnapshots: jest.fn().mockResolvedValue(['m1']) } as unknown as MerchantActivityRepository,
      rescore as unknown as RescoreTouchedMerchants,
    );
    await useCase.execute(
      manager,
      new RecordMerchantActivityCommand([snap('m1', '2026-03-01', '2026-03-01T10:00:00Z', 5)]),
    );
    expect(rescore.execute).toHaveBeenCalledWith(manager, ['m1']);
  });
});
