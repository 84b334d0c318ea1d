import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { createEvent, EventType, topicOf } from '@merchant-pulse/contracts';
import { enqueueOutboxEvents } from '@merchant-pulse/kafka';
import { EntityManager } from 'typeorm';
import { TransactionIngestionConfig } from '../../../config/transaction-ingestion.config';
import { evaluateTerminalHealth, HealthTransition } from '../../terminal-health.evaluator';
import { TerminalHealthRepository } from '../../terminal-health.repository';

/** Runs the terminal health detector once and queues TerminalHealthDegraded/Recovered in the outbox. */
@Injectable()
export class DetectTerminalHealthUseCase {
  constructor(
    private readonly repository: TerminalHealthRepository,
    private readonly config: TransactionIngestionConfig,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute(manager: EntityManager): Promise<HealthTransition[]> {
    const nowMs = this.clock.nowMs();
    const windowMs = this.config.HEALTH_WINDOW_MINUTES * 60_000;
    const silentMs = this.config.HEALTH_SILENT_MINUTES * 60_000;
    const stats = await this.repository.windowStats(manager, nowMs, windowMs, silentMs);
    const transitions = evaluateTerminalHealth(
      stats,
      await this.repository.openEpisodes(manager),
      {
        windowMinutes: this.config.HEALTH_WINDOW_MINUTES,
        minSample: this.config.HEALTH_MIN_SAMPLE,
        readFailureRate: this.config.HEALTH_READ_FAILURE_THRESHOLD,
        declineRate: this.config.HEALTH_DECLINE_THRESHOLD,
        silentMinutes: this.config.HEALTH_SILENT_MINUTES,
      },
      nowMs,
    );
    const events = [];
    for (const t of transitions) {
      const { terminalId, merchantId } = t.stats;
      if (t.change === 'degraded')
        await this.repository.open(manager, { terminalId, merchantId, kind: t.kind, sinceMs: t.sinceMs });
      else await this.repository.close(manager, terminalId, t.kind);
      events.push(this.toEvent(t));
    }
    await enqueueOutboxEvents(manager, events, (type) => topicOf(type as EventType));
    await this.repository.prune(manager, nowMs - 2 * silentMs);
    return transitions;
  }

  private toEvent(t: HealthTransition) {
    const s = t.stats;
    const measurement = {
      terminalId: s.terminalId,
      kind: t.kind,
      rate: Math.min(1, Math.max(0, Math.round(t.rate * 10_000) / 10_000)),
      sampleSize: t.kind === 'silent' ? 0 : s.total,
      windowMinutes:
        t.kind === 'silent' ? this.config.HEALTH_SILENT_MINUTES : this.config.HEALTH_WINDOW_MINUTES,
      ...(t.threshold !== undefined ? { threshold: t.threshold } : {}),
      since: new Date(t.sinceMs).toISOString(),
    };
    const base = {
      merchantId: s.merchantId,
      producer: 'transaction-ingestion',
      occurredAt: this.clock.now(),
    };
    return t.change === 'degraded'
      ? createEvent('TerminalHealthDegraded', {
          ...base,
          payload: { ...measurement, lastTransactionAt: new Date(s.lastTxAtMs).toISOString() },
        })
      : createEvent('TerminalHealthRecovered', {
          ...base,
          payload: { ...measurement, recoveredAt: this.clock.now().toISOString() },
        });
  }
}
