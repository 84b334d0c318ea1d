import { Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { RegistryEventsOutbox } from '../../../shared/registry-events.outbox';
import { TransactionRunner } from '../../../shared/transaction.runner';
import { feePlanChanged } from '../../fee-plan.events';
import { FeePlanRepository } from '../../fee-plan.repository';

/** Versions applied per transaction. */
const BATCH = 200;

/**
 * Time-driven: every scheduled version whose effective date the clock has reached becomes effective
 * and FeePlanChanged goes out, in one transaction per batch. Idempotent and safe to run concurrently
 * (rows are claimed FOR UPDATE SKIP LOCKED and flipped to `effective`, so each applies once).
 */
@Injectable()
export class ApplyDueFeeChangesUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly feePlans: FeePlanRepository,
    private readonly events: RegistryEventsOutbox,
    private readonly clock: Clock,
  ) {}

  /** Returns how many versions took effect. */
  async execute(): Promise<number> {
    let total = 0;
    for (;;) {
      const applied = await this.tx.run(async (manager) => {
        const now = this.clock.now();
        const due = await this.feePlans.lockDueVersions(manager, now, BATCH);
        for (const version of due) {
          await this.feePlans.markApplied(manager, version.merchantId, version.planVersion, now);
          await this.feePlans.audit(manager, {
            merchantId: version.merchantId,
            action: 'plan_changed',
            detail: { planVersion: version.planVersion, effectiveFrom: version.effectiveFrom },
            actor: 'system',
            at: now,
          });
        }
        await this.events.emit(
          manager,
          due.map((version) => feePlanChanged({ ...version, state: 'effective' }, now)),
        );
        return due.length;
      });
      total += applied;
      if (applied < BATCH) return total;
    }
  }
}
