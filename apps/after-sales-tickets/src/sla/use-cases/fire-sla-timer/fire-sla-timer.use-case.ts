import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { createEvent, EventOf, topicOf } from '@merchant-pulse/contracts';
import type { EventType, TicketPriority } from '@merchant-pulse/contracts';
import { enqueueOutboxEvents } from '@merchant-pulse/kafka';
import { HolidayCoverage } from '../../calendars/holiday-coverage';
import { SlaSetupCache } from '../../calendars/sla-setup.cache';
import { schedule, SlaClock } from '../../clocks/sla-clock';
import { PendingEscalation, SlaStateRepository, TicketSlaRecord } from '../../clocks/sla-state.repository';
import { SlaTimerJobData } from '../../timers/sla-timer.job';

/** What firing a timer did. */
export type FireOutcome =
  | { outcome: 'stale' }
  | { outcome: 'not_yet'; fireAt: Date }
  | {
      outcome: 'warned' | 'breached';
      clock: SlaClock;
      priority: TicketSlaRecord['priority'];
      /** Service-clock ms from the due instant to the firing. */
      latenessMs: number;
      escalation?: PendingEscalation;
    };

/**
 * Fires SLA timers exactly once, many per transaction: under the clocks' ticket locks (taken in ticket
 * order, so batches never deadlock), a timer whose version is no longer the clock's is stale and does
 * nothing; otherwise the warning or breach is recorded, its event goes to the outbox in the same
 * transaction and the next stage is scheduled. One batch costs the same few statements as one timer
 * (lock, breaches, clocks, outbox, commit). The caller arms the next timers and escalates breaches
 * after commit.
 */
@Injectable()
export class FireSlaTimerUseCase {
  constructor(
    private readonly state: SlaStateRepository,
    private readonly setup: SlaSetupCache,
    private readonly coverage: HolidayCoverage,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute(job: SlaTimerJobData): Promise<FireOutcome> {
    return (await this.executeMany([job]))[0];
  }

  /** Fires the jobs in one transaction; outcomes in the order of `jobs`. */
  async executeMany(jobs: readonly SlaTimerJobData[]): Promise<FireOutcome[]> {
    if (jobs.length === 0) return [];
    const setup = await this.setup.get();
    return this.state.transaction(async (m) => {
      const locked = await this.state.lockClocks(m, jobs);
      const now = this.clock.now();
      const breaches: Array<PendingEscalation & { teamId: string; priority: TicketPriority }> = [];
      const events: Array<EventOf<EventType>> = [];
      const saved = new Map<string, SlaClock>();
      const outcomes = jobs.map((job): FireOutcome => {
        const key = `${job.ticketId}|${job.kind}`;
        const entry = locked.get(key);
        if (!entry) return { outcome: 'stale' };
        const { ticket, clock } = entry;
        if (clock.version !== job.version || clock.nextStage !== job.stage || !clock.nextFireAt)
          return { outcome: 'stale' };
        // The clock was moved back since the timer was armed: not due yet on the service clock.
        if (clock.nextFireAt.getTime() > now.getTime())
          return { outcome: 'not_yet', fireAt: clock.nextFireAt };
        const fired = this.fire(ticket, { ...clock, nextFireAt: clock.nextFireAt }, job.stage, now);
        const calendar = setup.calendarFor(ticket.policyId, ticket.teamId);
        const next = schedule(fired.clock, calendar, setup.policy(ticket.policyId).escalationLevels);
        this.coverage.check(calendar, [next]);
        // A second job for the same clock in this batch sees the new version (stale).
        locked.set(key, { ticket, clock: next });
        saved.set(key, next);
        events.push(fired.event);
        if (fired.escalation)
          breaches.push({ ...fired.escalation, teamId: ticket.teamId, priority: ticket.priority });
        return {
          outcome: job.stage === 'warn' ? 'warned' : 'breached',
          clock: next,
          priority: ticket.priority,
          latenessMs: now.getTime() - clock.nextFireAt.getTime(),
          escalation: fired.escalation,
        };
      });
      await this.state.insertBreaches(m, breaches);
      await this.state.saveClocks(m, [...saved.values()]);
      await enqueueOutboxEvents(m, events, (type) => topicOf(type as EventType));
      return outcomes;
    });
  }

  /** The clock after its pending stage fires, the event it publishes and, for a breach, the escalation. */
  private fire(
    ticket: TicketSlaRecord,
    clock: SlaClock & { nextFireAt: Date },
    stage: SlaTimerJobData['stage'],
    now: Date,
  ): { clock: SlaClock; event: EventOf<EventType>; escalation?: PendingEscalation } {
    const common = {
      ticketId: ticket.ticketId,
      sla: clock.kind,
      category: ticket.category,
      priority: ticket.priority,
    };
    if (stage === 'warn') {
      return {
        clock: { ...clock, warnedAt: now },
        event: this.event(ticket, 'TicketSlaWarned', {
          ...common,
          dueAt: (clock.dueAt ?? clock.nextFireAt).toISOString(),
          warnedAt: now.toISOString(),
        }),
      };
    }
    const level = clock.level + 1;
    return {
      clock: { ...clock, level, breachedAt: clock.breachedAt ?? now },
      escalation: {
        ticketId: ticket.ticketId,
        kind: clock.kind,
        level,
        dueAt: clock.nextFireAt,
        breachedAt: now,
      },
      event: this.event(ticket, 'TicketSlaBreached', {
        ...common,
        dueAt: clock.nextFireAt.toISOString(),
        breachedAt: now.toISOString(),
        level,
      }),
    };
  }

  private event<T extends 'TicketSlaWarned' | 'TicketSlaBreached'>(
    ticket: TicketSlaRecord,
    type: T,
    payload: EventOf<T>['payload'],
  ): EventOf<T> {
    return createEvent(type, {
      merchantId: ticket.merchantId,
      producer: 'after-sales-tickets',
      occurredAt: this.clock.now(),
      payload,
    } as never) as EventOf<T>;
  }
}
