import { developmentKeyRing, PiiBlindIndex, PiiCipher, PiiSealer } from '../../../pii';
import { bankCardFixture, residentIdFixture } from '../../../identity/identity.fixtures';
import { emptyConsent } from '../../../contacts/consent.derivation';
import {
  IllegalTransitionError,
  RequirementsDueError,
  BusinessRuleError,
} from '../../../shared/domain.errors';
import { registryFakes } from '../../../testing/registry.fakes';
import { buildMerchantRecord } from '../../merchant.factory';
import { TransitionMerchantUseCase } from './transition-merchant.use-case';

const ring = developmentKeyRing();
const sealer = new PiiSealer(new PiiCipher(ring), new PiiBlindIndex(ring));

function setup(due: string[] = []) {
  const fakes = registryFakes();
  const record = buildMerchantRecord(
    sealer,
    {
      kind: 'individual',
      legalName: 'Shop',
      category: 'retail',
      city: 'Hangzhou',
      region: 'East',
      contact: { name: 'Wang', phone: '13812345678' },
      idNumber: residentIdFixture(),
      settlementCard: { number: bankCardFixture() },
      actor: 'test',
    },
    'M1',
    emptyConsent(),
    fakes.clock.now(),
  );
  fakes.merchants.rows.set('M1', { ...record, currentlyDue: due });
  const useCase = new TransitionMerchantUseCase(
    fakes.tx,
    fakes.merchantRepository,
    fakes.outbox,
    fakes.clock,
  );
  return { ...fakes, useCase };
}

describe(TransitionMerchantUseCase.name, () => {
  it('should move the merchant and emit MerchantStatusChanged when the transition is allowed', async () => {
    const { useCase, merchants, events } = setup();
    await useCase.execute({ merchantId: 'M1', to: 'submitted', actor: 'ops' });
    expect(merchants.rows.get('M1')!.status).toBe('submitted');
    expect(events.emitted).toHaveLength(1);
    expect(events.emitted[0]).toMatchObject({
      type: 'MerchantStatusChanged',
      merchantId: 'M1',
      payload: { from: 'draft', to: 'submitted', actor: 'ops' },
    });
  });

  it('should refuse with the allowed next statuses when the transition is illegal', async () => {
    const { useCase, events } = setup();
    const error = await useCase
      .execute({ merchantId: 'M1', to: 'active', actor: 'ops' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IllegalTransitionError);
    expect((error as IllegalTransitionError).body()).toEqual({
      currentStatus: 'draft',
      requested: 'active',
      allowedNext: ['submitted', 'closed'],
    });
    expect(events.emitted).toHaveLength(0);
  });

  it('should refuse submission with the list of what is due when requirements are outstanding', async () => {
    const { useCase, merchants } = setup(['documents.id_card_back']);
    const error = await useCase
      .execute({ merchantId: 'M1', to: 'submitted', actor: 'ops' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequirementsDueError);
    expect((error as RequirementsDueError).body()).toEqual({
      currentlyDue: ['documents.id_card_back'],
      blockedReason: 'requirements.currently_due',
    });
    expect(merchants.rows.get('M1')!.status).toBe('draft');
  });

  it('should require reason codes and record them when rejecting', async () => {
    const { useCase, merchants, events } = setup();
    await useCase.execute({ merchantId: 'M1', to: 'submitted', actor: 'ops' });
    await useCase.execute({ merchantId: 'M1', to: 'under_review', actor: 'ops' });
    await expect(useCase.execute({ merchantId: 'M1', to: 'rejected', actor: 'ops' })).rejects.toBeInstanceOf(
      BusinessRuleError,
    );
    await useCase.execute({
      merchantId: 'M1',
      to: 'rejected',
      reasonCodes: ['document_unreadable'],
      actor: 'ops',
    });
    expect(merchants.rows.get('M1')!.reviewReasonCodes).toEqual(['document_unreadable']);
    expect(events.emitted.at(-1)!.payload).toMatchObject({ to: 'rejected', reason: 'document_unreadable' });
  });
});
