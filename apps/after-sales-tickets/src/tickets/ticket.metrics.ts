import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { LOGGER, Logger, MetricsService } from '@merchant-pulse/observability';
import { PeriodicTask } from '@merchant-pulse/platform';
import { Counter, Gauge, Histogram } from 'prom-client';
import { DataSource } from 'typeorm';
import { AfterSalesTicketsConfig } from '../config/after-sales-tickets.config';
import { TicketRepository } from './ticket.repository';

/**
 * Ticket metrics: opened (by category, channel, priority), open now (gauge by category, priority,
 * team, recomputed every TICKET_GAUGE_INTERVAL_MS), resolved and reopened (reopen rate =
 * reopened / resolved), escalations, and CSAT scores (by category and team).
 */
@Injectable()
export class TicketMetrics implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly opened: Counter<'category' | 'channel' | 'priority'>;
  readonly open: Gauge<'category' | 'priority' | 'team'>;
  readonly resolved: Counter<'category' | 'verified_by'>;
  readonly reopened: Counter<'category'>;
  readonly escalations: Counter<'kind' | 'level'>;
  readonly csat: Histogram<'category' | 'team'>;
  private readonly gaugeTask: PeriodicTask;

  constructor(
    metrics: MetricsService,
    private readonly dataSource: DataSource,
    private readonly tickets: TicketRepository,
    private readonly config: AfterSalesTicketsConfig,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.opened = metrics.counter('pulse_tickets_opened_total', 'Tickets opened', [
      'category',
      'channel',
      'priority',
    ]);
    this.open = metrics.gauge('pulse_tickets_open', 'Tickets not yet resolved', [
      'category',
      'priority',
      'team',
    ]);
    this.resolved = metrics.counter('pulse_tickets_resolved_total', 'Tickets resolved', [
      'category',
      'verified_by',
    ]);
    this.reopened = metrics.counter('pulse_tickets_reopened_total', 'Tickets reopened after resolution', [
      'category',
    ]);
    this.escalations = metrics.counter('pulse_ticket_escalations_total', 'Ticket escalations on SLA breach', [
      'kind',
      'level',
    ]);
    this.csat = metrics.histogram(
      'pulse_csat_score',
      'CSAT survey answers (1–5)',
      ['category', 'team'],
      [1, 2, 3, 4, 5],
    );
    this.gaugeTask = new PeriodicTask(() => this.refreshOpen(), logger, 'open-ticket gauge refresh failed');
  }

  onApplicationBootstrap(): void {
    this.gaugeTask.start(this.config.TICKET_GAUGE_INTERVAL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.gaugeTask.stop();
  }

  escalated(kind: string, level: number): void {
    this.escalations.inc({ kind, level: String(level) });
  }

  /** Recomputes the open-ticket gauge from the table (so it is right after restarts and on every replica). */
  async refreshOpen(): Promise<void> {
    const counts = await this.tickets.openCounts(this.dataSource.manager);
    this.open.reset();
    for (const c of counts)
      this.open.set({ category: c.category, priority: c.priority, team: c.teamId }, c.n);
  }
}
