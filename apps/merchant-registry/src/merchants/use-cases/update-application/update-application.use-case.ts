import { Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { v7 as uuidv7 } from 'uuid';
import { DocumentRepository } from '../../../documents/document.repository';
import { PiiSealer } from '../../../pii/pii.sealer';
import { BusinessRuleError, NotFoundError } from '../../../shared/domain.errors';
import { REGISTRY_PRODUCER, RegistryEventsOutbox } from '../../../shared/registry-events.outbox';
import { TransactionRunner } from '../../../shared/transaction.runner';
import { TimelineRepository } from '../../../timeline/timeline.repository';
import { applicationPatch } from '../../merchant-application.patch';
import { merchantUpdated } from '../../merchant.events';
import { MerchantRecord } from '../../merchant.record';
import { MerchantRepository } from '../../merchant.repository';
import { currentlyDue } from '../../merchant-requirements';
import { UpdateApplicationCommand } from './update-application.command';

/** Statuses in which the application may be corrected: draft (incl. sent back for changes) and rejected. */
export const EDITABLE_APPLICATION_STATUSES: ReadonlySet<string> = new Set(['draft', 'rejected']);

/**
 * Corrects an application: refuses immutable fields (422, named) and non-editable statuses (409),
 * seals PII, recomputes what is currently due (so every requirement the model reports can be
 * satisfied through the API), records the changed field names (never their values) on the timeline,
 * and emits MerchantUpdated when a shared profile field changed — in one transaction.
 */
@Injectable()
export class UpdateApplicationUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly merchants: MerchantRepository,
    private readonly documents: DocumentRepository,
    private readonly sealer: PiiSealer,
    private readonly events: RegistryEventsOutbox,
    private readonly timeline: TimelineRepository,
    private readonly clock: Clock,
  ) {}

  async execute(command: UpdateApplicationCommand): Promise<MerchantRecord> {
    const immutable = command.immutableFieldsGiven[0];
    if (immutable) {
      throw new BusinessRuleError('immutable_field', `${immutable} cannot be changed after registration`);
    }
    return this.tx.run(async (manager) => {
      const merchant = await this.merchants.lockById(manager, command.merchantId);
      if (!merchant) throw new NotFoundError('merchant', command.merchantId);
      if (!EDITABLE_APPLICATION_STATUSES.has(merchant.status)) {
        throw new BusinessRuleError(
          'application_locked',
          `the application cannot change in status ${merchant.status}`,
          409,
        );
      }
      const { patch, changed, profileChanged } = applicationPatch(merchant, command.changes, this.sealer);
      const next: MerchantRecord = { ...merchant, ...patch };
      const due = currentlyDue({
        kind: next.kind,
        businessType: next.businessType,
        hasPhone: Boolean(next.phoneEnc),
        hasCreditCode: Boolean(next.creditCode),
        hasTerminalAddress: Boolean(next.terminalAddress),
        uploaded: await this.documents.typesOf(manager, merchant.id),
      });
      if (changed.length === 0 && sameList(due, merchant.currentlyDue)) return merchant;
      const now = this.clock.now();
      const updated: MerchantRecord = { ...next, currentlyDue: due, updatedAt: now };
      await this.merchants.update(manager, merchant.id, { ...patch, currentlyDue: due, updatedAt: now });
      await this.timeline.append(manager, [
        {
          eventId: uuidv7(),
          merchantId: merchant.id,
          occurredAt: now.toISOString(),
          source: REGISTRY_PRODUCER,
          type: 'ApplicationUpdated',
          payload: { changedFields: changed, currentlyDue: due, actor: command.actor },
        },
      ]);
      if (profileChanged.length > 0) {
        await this.events.emit(manager, [merchantUpdated(updated, profileChanged, now)]);
      }
      return updated;
    });
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
