import { Injectable } from '@nestjs/common';
import type { AnyEvent, EventOf } from '@merchant-pulse/contracts';
import { EntityManager } from 'typeorm';
import type { ActivitySnapshot } from './merchant-projections.repository';

/**
 * What the rest of the service does once a merchant fact is projected, in the same transaction as the
 * projection (and so exactly once per event): enrolment reacts to risk changes, FeeChangeAnnounced and
 * status changes; results react to activity. Bound in AppModule; the default does nothing.
 */
export abstract class MerchantEventHooks {
  /** Fresh (not yet processed) risk changes, already projected. */
  abstract afterRiskChanged(
    m: EntityManager,
    events: ReadonlyArray<EventOf<'MerchantRiskChanged'>>,
  ): Promise<void>;
  /** Fresh lifecycle events, already projected. */
  abstract afterLifecycle(m: EntityManager, events: readonly AnyEvent[]): Promise<void>;
  /** Activity snapshots that changed what is stored. */
  abstract afterActivity(m: EntityManager, snapshots: readonly ActivitySnapshot[]): Promise<void>;
}

/** Hooks that do nothing (projection only). */
@Injectable()
export class NoMerchantEventHooks extends MerchantEventHooks {
  async afterRiskChanged(): Promise<void> {}
  async afterLifecycle(): Promise<void> {}
  async afterActivity(): Promise<void> {}
}
