import { Injectable } from '@nestjs/common';
import type { AnyEvent, TicketPriority, TicketStatus } from '@merchant-pulse/contracts';
import { EntityManager } from 'typeorm';
import { SlaTracker } from '../sla/sla-tracker';
import { SupportEventsOutbox, supportEvent } from '../shared/support-events.outbox';
import { TicketHistoryEntry, TicketHistoryRepository } from './ticket-history.repository';
import { TicketRecord } from './ticket.record';
import { TicketRepository } from './ticket.repository';

/** Who changes a ticket, when and why. */
export interface ChangeContext {
  actor: string;
  at: Date;
  reason?: string;
  /** Why the team/assignee changed (TicketAssigned.reason). */
  assignment?: 'routing' | 'manual' | 'escalation';
}

/** What the SLA engine must hear about once the change has committed. */
export type SlaSignal =
  | { kind: 'status'; ticketId: string; from: TicketStatus; to: TicketStatus; at: Date }
  | { kind: 'priority'; ticketId: string; priority: TicketPriority; at: Date }
  | { kind: 'team'; ticketId: string; teamId: string; at: Date };

/** Fields whose change is published as TicketUpdated (status and assignment have their own events). */
const PUBLISHED_FIELDS = new Set([
  'priority',
  'category',
  'subject',
  'terminalId',
  'nextStep',
  'fixAppliedAt',
  'mergedIntoId',
  'escalationLevel',
]);
const UNAUDITED_FIELDS = new Set(['updatedAt']);

/**
 * The one way a ticket changes: writes the row, appends every changed field to the audit trail
 * (who/when/why) and queues the support.tickets.v1 events, all in the caller's transaction. Returns the
 * ticket after the change and the SLA signals to send after the commit.
 */
@Injectable()
export class TicketJournal {
  constructor(
    private readonly tickets: TicketRepository,
    private readonly history: TicketHistoryRepository,
    private readonly outbox: SupportEventsOutbox,
  ) {}

  async change(
    manager: EntityManager,
    before: TicketRecord,
    requested: Partial<TicketRecord>,
    ctx: ChangeContext,
  ): Promise<{ ticket: TicketRecord; signals: SlaSignal[] }> {
    const changed = Object.entries(requested).filter(
      ([field, value]) => text((before as unknown as Record<string, unknown>)[field]) !== text(value),
    );
    if (changed.length === 0) return { ticket: before, signals: [] };
    const changes = Object.fromEntries(changed) as Partial<TicketRecord>;
    const after: TicketRecord = { ...before, ...changes, updatedAt: ctx.at };
    await this.tickets.update(manager, before.id, { ...changes, updatedAt: ctx.at });
    const entries: TicketHistoryEntry[] = changed
      .filter(([field]) => !UNAUDITED_FIELDS.has(field))
      .map(([field, value]) => ({
        ticketId: before.id,
        at: ctx.at,
        actor: ctx.actor,
        action: field === 'status' ? 'status_changed' : 'updated',
        field,
        oldValue: text((before as unknown as Record<string, unknown>)[field]),
        newValue: text(value),
        reason: ctx.reason ?? null,
      }));
    await this.history.append(manager, entries);
    await this.outbox.emit(manager, this.events(before, after, changes, ctx));
    return { ticket: after, signals: signalsOf(before, after, ctx.at) };
  }

  /** Appends non-field actions (replies, notes, links, evidence…) to the audit trail, with their events. */
  async record(
    manager: EntityManager,
    entries: readonly TicketHistoryEntry[],
    events: readonly AnyEvent[] = [],
  ): Promise<void> {
    await this.history.append(manager, entries);
    await this.outbox.emit(manager, events);
  }

  private events(
    before: TicketRecord,
    after: TicketRecord,
    changes: Partial<TicketRecord>,
    ctx: ChangeContext,
  ): AnyEvent[] {
    const events: AnyEvent[] = [];
    const at = ctx.at;
    const actor = ctx.actor;
    for (const [field, value] of Object.entries(changes)) {
      if (!PUBLISHED_FIELDS.has(field)) continue;
      const from = text((before as unknown as Record<string, unknown>)[field]);
      const to = text(value);
      events.push(
        supportEvent(
          'TicketUpdated',
          after.merchantId,
          {
            ticketId: after.id,
            field: snake(field),
            ...(from !== null ? { from: from.slice(0, 500) } : {}),
            ...(to !== null ? { to: to.slice(0, 500) } : {}),
            actor,
            ...(ctx.reason ? { reason: ctx.reason.slice(0, 500) } : {}),
            changedAt: at.toISOString(),
          },
          at,
        ),
      );
    }
    if ('teamId' in changes || 'assigneeId' in changes) {
      events.push(
        supportEvent(
          'TicketAssigned',
          after.merchantId,
          {
            ticketId: after.id,
            teamId: after.teamId,
            ...(after.assigneeId ? { assigneeId: after.assigneeId } : {}),
            ...(before.assigneeId ? { previousAssigneeId: before.assigneeId } : {}),
            reason: ctx.assignment ?? 'manual',
            assignedAt: at.toISOString(),
          },
          at,
        ),
      );
    }
    if ('status' in changes) events.push(statusEvent(before.status, after, at));
    return events;
  }
}

function statusEvent(from: TicketStatus, t: TicketRecord, at: Date): AnyEvent {
  const resolvedNow = t.status === 'resolved' || t.status === 'closed';
  return supportEvent(
    'TicketStatusChanged',
    t.merchantId,
    {
      ticketId: t.id,
      from,
      to: t.status,
      ...(t.assigneeId ? { assigneeId: t.assigneeId } : {}),
      ...(resolvedNow && t.resolution ? { resolution: t.resolution.slice(0, 500) } : {}),
      ...(t.status === 'resolved' && t.verifiedBy ? { verifiedBy: t.verifiedBy } : {}),
      ...(t.status === 'resolved' && t.verifiedAt ? { verifiedAt: t.verifiedAt.toISOString() } : {}),
      changedAt: at.toISOString(),
    },
    at,
  );
}

function signalsOf(before: TicketRecord, after: TicketRecord, at: Date): SlaSignal[] {
  const signals: SlaSignal[] = [];
  if (before.priority !== after.priority)
    signals.push({ kind: 'priority', ticketId: after.id, priority: after.priority, at });
  if (before.teamId !== after.teamId)
    signals.push({ kind: 'team', ticketId: after.id, teamId: after.teamId, at });
  if (before.status !== after.status)
    signals.push({ kind: 'status', ticketId: after.id, from: before.status, to: after.status, at });
  return signals;
}

/** Tells the SLA engine what changed, in order. */
export async function notifySla(sla: SlaTracker, signals: readonly SlaSignal[]): Promise<void> {
  for (const s of signals) {
    if (s.kind === 'priority') await sla.priorityChanged(s.ticketId, s.priority, s.at);
    else if (s.kind === 'team') await sla.teamChanged(s.ticketId, s.teamId, s.at);
    else await sla.statusChanged(s.ticketId, s.from, s.to, s.at);
  }
}

function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

function snake(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
