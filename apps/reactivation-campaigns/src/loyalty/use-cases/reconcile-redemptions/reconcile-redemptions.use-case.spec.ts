import { FakeClock } from '@merchant-pulse/clock';
import {
  MerchantRegistryClient,
  RegistryRejectedError,
  RegistryUnavailableError,
} from '../../../registry/merchant-registry.client';
import { Redemption, RedemptionRepository } from '../../redemptions/redemption.repository';
import { SettleRedemptionUseCase } from '../settle-redemption/settle-redemption.use-case';
import { ReconcileRedemptionsUseCase } from './reconcile-redemptions.use-case';

const pending = (id: string): Redemption => ({
  redemptionId: id,
  merchantId: `M-${id}`,
  requestKey: `key-${id}`,
  item: 'fee-relief-10bps-30d',
  points: 2000,
  state: 'pending',
  externalReference: null,
  failureReason: null,
  requestedBy: 'ops',
  requestedAt: '2026-03-01T00:00:00.000Z',
  settledAt: null,
});

function setup(registry: Partial<MerchantRegistryClient>) {
  const settle = {
    complete: jest.fn().mockResolvedValue({}),
    compensate: jest.fn().mockResolvedValue({}),
  };
  const useCase = new ReconcileRedemptionsUseCase(
    { pendingBefore: jest.fn().mockResolvedValue([pending('r1')]) } as unknown as RedemptionRepository,
    settle as unknown as SettleRedemptionUseCase,
    registry as MerchantRegistryClient,
    new FakeClock('2026-03-01T01:00:00.000Z'),
  );
  return { useCase, settle };
}

describe(ReconcileRedemptionsUseCase.name, () => {
  it('should complete without granting again when the registry already holds the promotion', async () => {
    const grant = jest.fn();
    const { useCase, settle } = setup({
      promotions: jest
        .fn()
        .mockResolvedValue([
          { promotionId: 'P1', bpsOff: 10, startsAt: '', endsAt: '', reason: 'loyalty redemption r1' },
        ]),
      grantPromotion: grant,
    });
    expect(await useCase.execute()).toEqual({ completed: 1, compensated: 0, stillPending: 0 });
    expect(grant).not.toHaveBeenCalled();
    expect(settle.complete).toHaveBeenCalledWith('r1', 'P1');
  });

  it('should retry the grant when the registry never saw the request', async () => {
    const { useCase, settle } = setup({
      promotions: jest.fn().mockResolvedValue([]),
      grantPromotion: jest
        .fn()
        .mockResolvedValue({ promotion: { promotionId: 'P2', bpsOff: 10, startsAt: '', endsAt: '' } }),
    });
    await useCase.execute();
    expect(settle.complete).toHaveBeenCalledWith('r1', 'P2');
  });

  it('should compensate when the registry refuses the retried grant', async () => {
    const { useCase, settle } = setup({
      promotions: jest.fn().mockResolvedValue([]),
      grantPromotion: jest.fn().mockResolvedValue({
        conflict: true,
        rejection: new RegistryRejectedError(
          409,
          JSON.stringify({ code: 'promotion_active', message: 'busy' }),
        ),
      }),
    });
    expect((await useCase.execute()).compensated).toBe(1);
    expect(settle.compensate).toHaveBeenCalledWith('r1', 'promotion_active: busy');
  });

  it('should compensate with the status code when the registry refuses without a JSON body', async () => {
    const { useCase, settle } = setup({
      promotions: jest.fn().mockResolvedValue([]),
      grantPromotion: jest.fn().mockRejectedValue(new RegistryRejectedError(422, 'no such item')),
    });
    expect((await useCase.execute()).compensated).toBe(1);
    expect(settle.compensate).toHaveBeenCalledWith('r1', 'http_422: no such item');
  });

  it('should leave the redemption pending when the registry is still unreachable', async () => {
    const { useCase, settle } = setup({
      promotions: jest.fn().mockRejectedValue(new RegistryUnavailableError('ECONNREFUSED')),
    });
    expect(await useCase.execute()).toEqual({ completed: 0, compensated: 0, stillPending: 1 });
    expect(settle.complete).not.toHaveBeenCalled();
    expect(settle.compensate).not.toHaveBeenCalled();
  });
});
