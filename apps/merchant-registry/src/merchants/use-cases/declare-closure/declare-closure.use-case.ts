import { Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { createEvent } from '@merchant-pulse/contracts';
import { v7 as uuidv7 } from 'uuid';
import { BusinessRuleError, NotFoundError } from '../../../shared/domain.errors';
import { REGISTRY_PRODUCER, RegistryEventsOutbox } from '../../../shared/registry-events.outbox';
import { TransactionRunner } from '../../../shared/transaction.runner';
import { MerchantRepository } from '../../merchant.repository';
import { DeclareClosureCommand } from './declare-closure.command';

/** Longest closure one declaration may cover (a longer silence is a dormancy, not a break). */
export const MAX_CLOSURE_DAYS = 45;

/** A declared closure as stored. */
export interface DeclaredClosure {
  closureId: string;
  merchantId: string;
  startsOn: string;
  endsOn: string;
  reason: string;
  note: string | null;
  declaredAt: string;
}

const DAY_MS = 86_400_000;
const days = (from: string, to: string) =>
  (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS;

/**
 * Records a temporary closure the merchant declared and emits MerchantClosureDeclared in the same
 * transaction. The status does not change: the merchant is still active, just not trading for a while.
 * 422 when the end is before the start or the closure is longer than {@link MAX_CLOSURE_DAYS}.
 */
@Injectable()
export class DeclareClosureUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly merchants: MerchantRepository,
    private readonly events: RegistryEventsOutbox,
    private readonly clock: Clock,
  ) {}

  async execute(c: DeclareClosureCommand): Promise<DeclaredClosure> {
    const span = days(c.startsOn, c.endsOn);
    if (span < 0) throw new BusinessRuleError('closure_ends_before_start', 'endsOn is before startsOn');
    if (span + 1 > MAX_CLOSURE_DAYS)
      throw new BusinessRuleError(
        'closure_too_long',
        `a temporary closure covers at most ${MAX_CLOSURE_DAYS} days (got ${span + 1})`,
      );
    return this.tx.run(async (manager) => {
      const merchant = await this.merchants.lockById(manager, c.merchantId);
      if (!merchant) throw new NotFoundError('merchant', c.merchantId);
      const now = this.clock.now();
      const closure: DeclaredClosure = {
        closureId: uuidv7(),
        merchantId: merchant.id,
        startsOn: c.startsOn,
        endsOn: c.endsOn,
        reason: c.reason,
        note: c.note ?? null,
        declaredAt: now.toISOString(),
      };
      await manager.query(
        `INSERT INTO merchant_closures (id, merchant_id, starts_on, ends_on, reason, note, declared_by, declared_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [closure.closureId, merchant.id, c.startsOn, c.endsOn, c.reason, closure.note, c.actor, now],
      );
      await this.events.emit(manager, [
        createEvent('MerchantClosureDeclared', {
          merchantId: merchant.id,
          producer: REGISTRY_PRODUCER,
          occurredAt: now,
          payload: {
            closureId: closure.closureId,
            startsOn: c.startsOn,
            endsOn: c.endsOn,
            reason: c.reason,
            ...(c.note ? { note: c.note } : {}),
            declaredAt: closure.declaredAt,
          },
        }),
      ]);
      return closure;
    });
  }
}
