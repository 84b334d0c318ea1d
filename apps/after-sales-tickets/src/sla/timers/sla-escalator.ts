import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Clock } from '@merchant-pulse/clock';
import { LOGGER, Logger } from '@merchant-pulse/observability';
import { PendingEscalation, SlaStateRepository } from '../clocks/sla-state.repository';
import { SlaMetrics } from '../sla.metrics';
import { TicketEscalation } from '../sla-tracker';

/** Pause between retries of unconfirmed escalations (the first runs at boot). */
const RETRY_EVERY_MS = 10_000;

/**
 * Hands committed breaches to the ticket lifecycle ({@link TicketEscalation}, bound anywhere in the app
 * and looked up lazily) and records the hand-over. A breach stays pending until `escalate` returns, and
 * the sweep retries pending ones: at least once, so `escalate` is idempotent on (ticket, kind, level).
 */
@Injectable()
export class SlaEscalator {
  private readonly inFlight = new Set<string>();
  private lastRetryMs = 0;

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly state: SlaStateRepository,
    private readonly metrics: SlaMetrics,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Escalates one breach; never rejects (a failure is logged, counted and retried later). */
  async escalate(e: PendingEscalation): Promise<boolean> {
    return (await this.escalateMany([e])) === 1;
  }

  /**
   * Escalates breaches one after the other and records the hand-overs in one statement; never rejects.
   * Returns how many were handed over.
   */
  async escalateMany(list: readonly PendingEscalation[]): Promise<number> {
    const done: PendingEscalation[] = [];
    for (const e of list) {
      const key = `${e.ticketId}|${e.kind}|${e.level}`;
      if (this.inFlight.has(key)) continue;
      this.inFlight.add(key);
      try {
        await this.port().escalate({ ...e });
        done.push(e);
      } catch (err) {
        this.metrics.escalationFailures.inc();
        this.logger.error(
          { err, ticketId: e.ticketId, kind: e.kind, level: e.level },
          'SLA escalation failed; will retry',
        );
      } finally {
        this.inFlight.delete(key);
      }
    }
    try {
      await this.state.markEscalated(done, this.clock.now());
    } catch (err) {
      // escalate() is idempotent: the sweep hands these over again and records them then.
      this.logger.error({ err, count: done.length }, 'recording SLA escalations failed; will retry');
      return 0;
    }
    return done.length;
  }

  /** Retries breaches whose escalation has not been confirmed, at most every {@link RETRY_EVERY_MS} (wall time). */
  async retryPending(limit = 200): Promise<number> {
    if (Date.now() - this.lastRetryMs < RETRY_EVERY_MS) return 0;
    this.lastRetryMs = Date.now();
    return this.escalateMany(await this.state.pendingEscalations(limit));
  }

  private port(): TicketEscalation {
    try {
      return this.moduleRef.get(TicketEscalation, { strict: false });
    } catch {
      throw new Error('no TicketEscalation is bound in the application');
    }
  }
}
