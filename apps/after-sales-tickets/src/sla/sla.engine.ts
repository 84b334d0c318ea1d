import { Injectable, NotFoundException } from '@nestjs/common';
import type { BusinessCalendar } from '@merchant-pulse/business-calendar';
import { SLA_KINDS } from '@merchant-pulse/contracts';
import type { SlaKind, TicketPriority, TicketStatus } from '@merchant-pulse/contracts';
import { EntityManager } from 'typeorm';
import { HolidayCoverage } from './calendars/holiday-coverage';
import { SlaSetupCache, SlaSetupView } from './calendars/sla-setup.cache';
import {
  idleClock,
  meet,
  pause,
  resume,
  retarget,
  schedule,
  SlaClock,
  start,
  stop,
} from './clocks/sla-clock';
import { SlaStateRepository, TicketSlaRecord } from './clocks/sla-state.repository';
import { selectPolicy } from './policies/sla-policy';
import { SlaAssignment, SlaMerchantFacts, SlaTicket, SlaTracker } from './sla-tracker';
import { SlaTimerQueue } from './timers/sla-timer.queue';

const ACTIVE: readonly TicketStatus[] = ['open', 'assigned', 'in_progress'];
type Clocks = Record<SlaKind, SlaClock>;

/**
 * The SLA engine behind {@link SlaTracker}: picks the policy and priority by the rules, keeps one
 * business-time clock per SLA kind, and (after each committed change) arms the BullMQ timer of the
 * next stage. Clock rules: first response and resolution start at opening; every running clock pauses
 * while the ticket waits on the merchant; the merchant's answer (leaving waiting_on_merchant) or a
 * reopening starts a fresh next-response clock; an agent reply meets the response clocks; resolving
 * meets them all; closing stops them.
 */
@Injectable()
export class SlaEngine extends SlaTracker {
  constructor(
    private readonly state: SlaStateRepository,
    private readonly setup: SlaSetupCache,
    private readonly timers: SlaTimerQueue,
    private readonly coverage: HolidayCoverage,
  ) {
    super();
  }

  async opened(ticket: SlaTicket, facts: SlaMerchantFacts): Promise<SlaAssignment> {
    const setup = await this.setup.get();
    const selection = selectPolicy(setup.rules, setup.policies, { ...ticket, facts });
    const { policy, priority } = selection;
    const calendar = setup.calendarFor(policy.id, ticket.teamId);
    const at = ticket.openedAt;
    const record: TicketSlaRecord = {
      ...ticket,
      policyId: policy.id,
      priority,
      rule: selection.rule,
      status: 'open',
    };
    const clocks = await this.state.transaction(async (m) => {
      if (!(await this.state.insertTicket(m, record, at))) return null;
      const target = (kind: SlaKind) => policy.targets[priority][kind] * 1000;
      const fresh = SLA_KINDS.map((kind) => idleClock(ticket.ticketId, kind, target(kind)));
      const started = fresh.map((c) => (c.kind === 'next_response' ? c : start(c, at)));
      const scheduled = started.map((c) => schedule(c, calendar, policy.escalationLevels));
      await this.state.saveClocks(m, scheduled);
      return scheduled;
    });
    if (!clocks) return this.assignment(ticket.ticketId);
    this.coverage.check(calendar, clocks);
    await this.timers.arm(clocks);
    return this.toAssignment(record, clocks);
  }

  async statusChanged(ticketId: string, from: TicketStatus, to: TicketStatus, at: Date): Promise<void> {
    await this.change(ticketId, at, { status: to }, (clocks, cal) => {
      if (to === 'waiting_on_merchant') return map(clocks, (c) => pause(c, cal, at));
      if (to === 'closed') return map(clocks, (c) => stop(c, cal, at));
      if (to === 'resolved') return map(clocks, (c) => meet(c, cal, at));
      if (!ACTIVE.includes(to)) return clocks;
      if (from === 'waiting_on_merchant') {
        const resumed = map(clocks, (c) => resume(c, at));
        return { ...resumed, next_response: start(resumed.next_response, at, true) };
      }
      if (from === 'resolved' || from === 'closed') {
        return {
          ...clocks,
          resolution: start(clocks.resolution, at),
          next_response: start(clocks.next_response, at, true),
        };
      }
      return clocks;
    });
  }

  async priorityChanged(ticketId: string, priority: TicketPriority, at: Date): Promise<void> {
    await this.change(ticketId, at, { priority }, (clocks, cal, setup, ticket) => {
      const targets = setup.policy(ticket.policyId).targets[priority];
      return map(clocks, (c) => retarget(c, cal, at, targets[c.kind] * 1000));
    });
  }

  async agentReplied(ticketId: string, at: Date): Promise<void> {
    await this.change(ticketId, at, {}, (clocks, cal) => ({
      ...clocks,
      first_response: meet(clocks.first_response, cal, at),
      next_response: meet(clocks.next_response, cal, at),
    }));
  }

  async teamChanged(ticketId: string, teamId: string, at: Date): Promise<void> {
    // Time so far counts on the old team's calendar; from now on on the new one.
    await this.change(ticketId, at, { teamId }, (clocks, cal) =>
      map(clocks, (c) => retarget(c, cal, at, c.targetMs)),
    );
  }

  /**
   * The merchant's facts changed so that a faster SLA tier may apply (a membership upgrade): each of
   * its active tickets runs through the rules again at its current priority and, where another policy
   * now applies, its running, paused and idle clocks take that policy's targets (elapsed time carries
   * over; met and stopped clocks keep theirs). The priority is the ticket lifecycle's and is kept.
   * Returns the moved tickets' new assignments.
   */
  async merchantFactsChanged(
    merchantId: string,
    facts: SlaMerchantFacts,
    at: Date,
  ): Promise<Array<SlaAssignment & { ticketId: string }>> {
    const setup = await this.setup.get();
    const moved: Array<SlaAssignment & { ticketId: string }> = [];
    for (const ticket of await this.state.activeTicketsOf(merchantId)) {
      const input = { ...ticket, requestedPriority: ticket.priority, facts };
      const { policy, rule } = selectPolicy(setup.rules, setup.policies, input);
      if (policy.id === ticket.policyId) continue;
      const why = `${rule.slice(0, rule.lastIndexOf(' → '))} → ${policy.id}/${ticket.priority} (merchant facts changed; was ${ticket.policyId})`;
      await this.change(
        ticket.ticketId,
        at,
        { policyId: policy.id, rule: why },
        (clocks, cal, _s, locked) => {
          const targets = policy.targets[locked.priority];
          return map(clocks, (c) =>
            c.state === 'met' || c.state === 'stopped' ? c : retarget(c, cal, at, targets[c.kind] * 1000),
          );
        },
      );
      moved.push({ ticketId: ticket.ticketId, ...(await this.assignment(ticket.ticketId)) });
    }
    return moved;
  }

  /** The stored assignment of a ticket (opened twice: the first answer again). */
  async assignment(ticketId: string): Promise<SlaAssignment> {
    const ticket = await this.state.findTicket(ticketId);
    if (!ticket) throw new NotFoundException(`no SLA state for ticket ${ticketId}`);
    const clocks = await this.state.clocks(this.state.ds, ticketId);
    return this.toAssignment(ticket, clocks);
  }

  /**
   * One change under the ticket's lock: the transition runs on the calendar in force before the
   * change, the schedule on the one after it; changed clocks get a new version and timer.
   */
  private async change(
    ticketId: string,
    at: Date,
    fields: Partial<Pick<TicketSlaRecord, 'status' | 'priority' | 'teamId' | 'policyId' | 'rule'>>,
    transition: (
      clocks: Clocks,
      cal: BusinessCalendar,
      setup: SlaSetupView,
      ticket: TicketSlaRecord,
    ) => Clocks,
  ): Promise<void> {
    const setup = await this.setup.get();
    const result = await this.state.transaction(async (m: EntityManager) => {
      const ticket = await this.state.lockTicket(m, ticketId);
      if (!ticket) throw new NotFoundException(`no SLA state for ticket ${ticketId}`);
      const before = byKind(await this.state.clocks(m, ticketId));
      const after = transition(before, setup.calendarFor(ticket.policyId, ticket.teamId), setup, ticket);
      const next = { ...ticket, ...fields };
      const calendar = setup.calendarFor(next.policyId, next.teamId);
      const levels = setup.policy(next.policyId).escalationLevels;
      const changed = SLA_KINDS.filter(
        (k) => after[k] !== before[k] || fields.teamId || fields.priority || fields.policyId,
      );
      const scheduled = changed.map((k) => schedule(after[k], calendar, levels));
      await this.state.updateTicket(m, ticketId, fields, at);
      await this.state.saveClocks(m, scheduled);
      this.coverage.check(calendar, scheduled);
      return { scheduled, replaced: changed.map((k) => before[k]) };
    });
    await this.timers.arm(result.scheduled, result.replaced);
  }

  private toAssignment(ticket: TicketSlaRecord, clocks: readonly SlaClock[]): SlaAssignment {
    const k = byKind(clocks);
    const due = (c: SlaClock) => c.dueAt ?? c.metAt ?? ticket.openedAt;
    return {
      policyId: ticket.policyId,
      priority: ticket.priority,
      rule: ticket.rule,
      firstResponseDueAt: due(k.first_response),
      resolutionDueAt: due(k.resolution),
    };
  }
}

function byKind(clocks: readonly SlaClock[]): Clocks {
  const out = Object.fromEntries(clocks.map((c) => [c.kind, c])) as Partial<Clocks>;
  for (const kind of SLA_KINDS) if (!out[kind]) throw new Error(`SLA clock ${kind} missing`);
  return out as Clocks;
}

function map(clocks: Clocks, f: (c: SlaClock) => SlaClock): Clocks {
  return {
    first_response: f(clocks.first_response),
    next_response: f(clocks.next_response),
    resolution: f(clocks.resolution),
  };
}
