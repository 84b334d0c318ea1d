// In-memory fakes for unit tests of the ticket use cases: the SLA port records its calls, repositories
// keep rows in maps, the transaction runner runs the work with a dummy manager.
import { FakeClock } from '@merchant-pulse/clock';
import type { AnyEvent, TicketPriority, TicketStatus } from '@merchant-pulse/contracts';
import type { TransactionRunner } from '@merchant-pulse/database';
import type { EntityManager } from 'typeorm';
import type { AfterSalesTicketsConfig } from '../config/after-sales-tickets.config';
import type { AgentRecord, RoutingRepository, TeamRecord } from '../routing/routing.repository';
import { SlaAssignment, SlaMerchantFacts, SlaTicket, SlaTracker } from '../sla/sla-tracker';
import type { SupportEventsOutbox } from '../shared/support-events.outbox';
import type { TicketHistoryEntry, TicketHistoryRepository } from '../tickets/ticket-history.repository';
import { TicketJournal } from '../tickets/ticket.journal';
import type { TicketMetrics } from '../tickets/ticket.metrics';
import type { TicketRecord } from '../tickets/ticket.record';
import type { TicketRepository } from '../tickets/ticket.repository';

/** Records every call the ticket side makes to the SLA engine, in order. */
export class RecordingSlaTracker extends SlaTracker {
  readonly calls: Array<[string, ...unknown[]]> = [];

  async opened(ticket: SlaTicket, facts: SlaMerchantFacts): Promise<SlaAssignment> {
    this.calls.push(['opened', ticket.ticketId, facts]);
    return {
      policyId: 'p-test',
      priority:
        facts.valueTier === 'high' && facts.behaviourTier === 'at_risk' ? 'urgent' : ticket.requestedPriority,
      rule: 'test rule',
      firstResponseDueAt: new Date(ticket.openedAt.getTime() + 3_600_000),
      resolutionDueAt: new Date(ticket.openedAt.getTime() + 86_400_000),
    };
  }
  async statusChanged(id: string, from: TicketStatus, to: TicketStatus): Promise<void> {
    this.calls.push(['statusChanged', id, from, to]);
  }
  async priorityChanged(id: string, priority: TicketPriority): Promise<void> {
    this.calls.push(['priorityChanged', id, priority]);
  }
  async agentReplied(id: string): Promise<void> {
    this.calls.push(['agentReplied', id]);
  }
  async teamChanged(id: string, teamId: string): Promise<void> {
    this.calls.push(['teamChanged', id, teamId]);
  }
  async merchantFactsChanged(
    merchantId: string,
    facts: SlaMerchantFacts,
  ): Promise<Array<SlaAssignment & { ticketId: string }>> {
    this.calls.push(['merchantFactsChanged', merchantId, facts]);
    return [];
  }
}

/** Runs the work at once with a placeholder manager (the fakes ignore it). */
export const fakeTx = {
  run: <T>(work: (m: EntityManager) => Promise<T>) => work({} as EntityManager),
  manager: {} as EntityManager,
} as unknown as TransactionRunner;

/** Tickets, history and outbox in memory. */
export class InMemoryTickets {
  readonly rows = new Map<string, TicketRecord>();
  readonly history: TicketHistoryEntry[] = [];
  readonly events: AnyEvent[] = [];

  readonly repository = {
    insert: async (_m: EntityManager, t: TicketRecord) => void this.rows.set(t.id, { ...t }),
    findById: async (_m: EntityManager, id: string) => this.rows.get(id) ?? null,
    lockById: async (_m: EntityManager, id: string) => this.rows.get(id) ?? null,
    update: async (_m: EntityManager, id: string, changes: Partial<TicketRecord>) =>
      void this.rows.set(id, { ...this.rows.get(id)!, ...changes }),
  } as unknown as TicketRepository;

  readonly historyRepository = {
    append: async (_m: EntityManager, entries: TicketHistoryEntry[]) => void this.history.push(...entries),
  } as unknown as TicketHistoryRepository;

  readonly outbox = {
    emit: async (_m: EntityManager, events: AnyEvent[]) => void this.events.push(...events),
  } as unknown as SupportEventsOutbox;

  readonly journal = new TicketJournal(this.repository, this.historyRepository, this.outbox);
}

/** Teams and agents in memory. */
export class InMemoryRouting {
  constructor(
    readonly teams: TeamRecord[],
    readonly agents: AgentRecord[],
  ) {}

  readonly repository = {
    team: async (_m: EntityManager, id: string) => this.teams.find((t) => t.id === id) ?? null,
    firstLevelTeamWith: async (_m: EntityManager, skill: string) =>
      this.teams.filter((t) => t.skills.includes(skill)).sort((a, b) => a.level - b.level)[0] ?? null,
    agent: async (_m: EntityManager, id: string) => this.agents.find((a) => a.id === id) ?? null,
    agentsOf: async (_m: EntityManager, teamId: string) => this.agents.filter((a) => a.teamId === teamId),
    lockAgentsOf: async (_m: EntityManager, teamId: string) => this.agents.filter((a) => a.teamId === teamId),
    markAssigned: async (_m: EntityManager, id: string, at: Date) => {
      const agent = this.agents.find((a) => a.id === id)!;
      agent.lastAssignedAt = at;
      agent.openTickets += 1;
    },
  } as unknown as RoutingRepository;
}

/** Metrics that count nothing. */
export const noMetrics = {
  opened: { inc: () => undefined },
  resolved: { inc: () => undefined },
  reopened: { inc: () => undefined },
  csat: { observe: () => undefined },
  escalated: () => undefined,
} as unknown as TicketMetrics;

/** The config defaults the use cases read. */
export const testConfig = {
  TICKET_REOPEN_DAYS: 7,
  SURVEY_TTL_DAYS: 14,
  ATTACHMENT_MAX_BYTES: 1024 * 1024,
} as AfterSalesTicketsConfig;

/** A clock at 2026-04-10T02:00Z. */
export function testClock(): FakeClock {
  return new FakeClock(new Date('2026-04-10T02:00:00.000Z'));
}

/** An assigned card-read ticket on terminal T-1 (override the fields a test cares about). */
export function aTicket(overrides: Partial<TicketRecord> = {}): TicketRecord {
  const at = new Date('2026-04-10T01:00:00.000Z');
  return {
    id: '0192f1c4-7b9e-7c3a-8d2e-1f0a9b8c7d6e',
    merchantId: 'M-1',
    terminalId: 'T-1',
    category: 'card_read_failure',
    channel: 'phone',
    source: 'merchant',
    priority: 'normal',
    requestedPriority: 'normal',
    status: 'assigned',
    subject: 'Cards not read',
    description: null,
    teamId: 'device-l1',
    assigneeId: 'agent-1',
    nextStep: null,
    slaPolicyId: 'p',
    slaRule: 'r',
    firstResponseDueAt: null,
    resolutionDueAt: null,
    openedAt: at,
    updatedAt: at,
    resolvedAt: null,
    closedAt: null,
    resolution: null,
    verifiedBy: null,
    verifiedAt: null,
    overrideReason: null,
    fixAppliedAt: null,
    mergedIntoId: null,
    escalationLevel: 0,
    reopenCount: 0,
    ...overrides,
  };
}

/** An available agent. */
export function anAgent(id: string, teamId: string, overrides: Partial<AgentRecord> = {}): AgentRecord {
  return {
    id,
    teamId,
    name: id,
    capacity: 5,
    available: true,
    lastAssignedAt: null,
    openTickets: 0,
    ...overrides,
  };
}
