import { Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { BusinessRuleError, NotFoundError, RequirementsDueError } from '../../../shared/domain.errors';
import { RegistryEventsOutbox } from '../../../shared/registry-events.outbox';
import { TransactionRunner } from '../../../shared/transaction.runner';
import { merchantStatusChanged } from '../../merchant.events';
import { MerchantRecord } from '../../merchant.record';
import { MerchantRepository } from '../../merchant.repository';
import { blockedReason } from '../../merchant-requirements';
import { assertMerchantTransition } from '../../merchant-status.machine';
import { TransitionMerchantCommand } from './transition-merchant.command';

/**
 * The one way a merchant's status changes: checks the machine (409 otherwise), refuses to submit while
 * requirements are due (422 with the list), requires reason codes on rejection, records them, and
 * emits MerchantStatusChanged in the same transaction.
 */
@Injectable()
export class TransitionMerchantUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly merchants: MerchantRepository,
    private readonly events: RegistryEventsOutbox,
    private readonly clock: Clock,
  ) {}

  async execute(command: TransitionMerchantCommand): Promise<MerchantRecord> {
    return this.tx.run(async (manager) => {
      const merchant = await this.merchants.lockById(manager, command.merchantId);
      if (!merchant) throw new NotFoundError('merchant', command.merchantId);
      assertMerchantTransition(merchant.status, command.to);
      if (command.to === 'submitted' && merchant.currentlyDue.length > 0) {
        throw new RequirementsDueError(
          merchant.currentlyDue,
          blockedReason(merchant.status, merchant.currentlyDue),
        );
      }
      const reasonCodes = command.reasonCodes ?? [];
      if (needsReasonCodes(merchant.status, command.to) && reasonCodes.length === 0) {
        throw new BusinessRuleError(
          'reason_codes_required',
          'a rejection or a request for changes needs at least one reason code',
          400,
        );
      }
      const now = this.clock.now();
      const patch: Partial<MerchantRecord> = { status: command.to, updatedAt: now };
      if (reasonCodes.length > 0) patch.reviewReasonCodes = reasonCodes;
      await this.merchants.update(manager, merchant.id, patch);
      const reason = [reasonCodes.join(','), command.note].filter(Boolean).join(': ') || undefined;
      await this.events.emit(manager, [
        merchantStatusChanged(merchant.id, {
          from: merchant.status,
          to: command.to,
          reason,
          actor: command.actor,
          at: now,
        }),
      ]);
      return { ...merchant, ...patch };
    });
  }
}

/** Rejecting and sending an application back for changes must say why (the merchant is told). */
function needsReasonCodes(from: MerchantRecord['status'], to: MerchantRecord['status']): boolean {
  return to === 'rejected' || (from === 'under_review' && to === 'draft');
}
