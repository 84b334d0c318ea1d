import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { createEvent, EventOf, topicOf } from '@merchant-pulse/contracts';
import type { EventType } from '@merchant-pulse/contracts';
import { enqueueOutboxEvents } from '@merchant-pulse/kafka';
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
 * Fires one SLA timer exactly once: under the clock's row lock, a timer whose version is no longer
 * the clock's is stale and does nothing; otherwise the warning or breach is recorded, its event goes
 * to the outbox in the same transaction and the next stage is scheduled. The caller arms the next
 * timer and escalates a breach after commit.
 */
@Injectable()
export class FireSlaTimerUseCase {
  constructor(
    private readonly state: SlaStateRepository,
    private readonly setup: SlaSetupCache,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute(job: SlaTimerJobData): Promise<FireOutcome> {
    const setup = await this.setup.get();
    return this.state.transaction(async (m) => {
      const locked = await this.state.lockClock(m, job.ticketId, job.kind);
      if (!locked) return { outcome: 'stale' };
      const { ticket, clock } = locked;
      if (clock.version !== job.version || clock.nextStage !== job.stage || !clock.nextFireAt)
        return { outcome: 'stale' };
      const now = this.clock.now();
      // The clock was moved back since the timer was armed: not due yet on the service clock.
      if (clock.nextFireAt.getTime() > now.getTime()) return { outcome: 'not_yet', fireAt: clock.nextFireAt };
      const policy = setup.policy(ticket.policyId);
      const calendar = setup.calendarFor(ticket.policyId, ticket.teamId);
      let fired: SlaClock;
      let escalation: PendingEscalation | undefined;
      let event: EventOf<EventType>;
      if (job.stage === 'warn') {
        fired = { ...clock, warnedAt: now };
        event = this.event(ticket, 'TicketSlaWarned', {
          ticketId: ticket.ticketId,
          sla: clock.kind,
          category: ticket.category,
          priority: ticket.priority,
          dueAt: (clock.dueAt ?? clock.nextFireAt).toISOString(),
          warnedAt: now.toISOString(),
        });
      } else {
        const level = clock.level + 1;
        fired = { ...clock, level, breachedAt: clock.breachedAt ?? now };
        escalation = {
          ticketId: ticket.ticketId,
          kind: clock.kind,
          level,
          dueAt: clock.nextFireAt,
          breachedAt: now,
        };
        await this.state.insertBreach(m, { ...escalation, teamId: ticket.teamId, priority: ticket.priority });
        event = this.event(ticket, 'TicketSlaBreached', {
          ticketId: ticket.ticketId,
          sla: clock.kind,
          category: ticket.category,
          priority: ticket.priority,
          dueAt: clock.nextFireAt.toISOString(),
          breachedAt: now.toISOString(),
          level,
        });
      }
      const next = schedule(fired, calendar, policy.escalationLevels);
      await this.state.saveClocks(m, [next]);
      await enqueueOutboxEvents(m, [event], (type) => topicOf(type as EventType));
      return {
        outcome: job.stage === 'warn' ? 'warned' : 'breached',
        clock: next,
        priority: ticket.priority,
        latenessMs: now.getTime() - clock.nextFireAt.getTime(),
        escalation,
      };
    });
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
