import { SLA_KINDS } from '@merchant-pulse/contracts';
import type { SlaKind } from '@merchant-pulse/contracts';
import type { TimerStage } from '../clocks/sla-clock';

/** Data of one SLA timer job: the clock, its pending stage and the clock version it was armed for. */
export interface SlaTimerJobData {
  ticketId: string;
  kind: SlaKind;
  stage: TimerStage;
  version: number;
}

/** Validates job data read back from Redis (a job from another build or a hand-made one is refused). */
export function parseSlaTimerJob(data: unknown): SlaTimerJobData {
  const d = (data ?? {}) as Record<string, unknown>;
  if (
    typeof d.ticketId !== 'string' ||
    d.ticketId.length === 0 ||
    !(SLA_KINDS as readonly unknown[]).includes(d.kind) ||
    (d.stage !== 'warn' && d.stage !== 'breach') ||
    !Number.isInteger(d.version)
  ) {
    throw new Error(`invalid SLA timer job data: ${JSON.stringify(data)}`);
  }
  return { ticketId: d.ticketId, kind: d.kind as SlaKind, stage: d.stage, version: d.version as number };
}

/**
 * Deterministic job id of a timer: (ticket, kind, stage with its level, clock version). Arming the same
 * timer twice — after a restart, or by the sweep — adds nothing; a recomputed clock has a new version.
 * BullMQ forbids ":" in custom ids.
 */
export function slaTimerJobId(t: {
  ticketId: string;
  kind: SlaKind;
  stage: TimerStage;
  level: number;
  version: number;
}): string {
  const stage = t.stage === 'warn' ? 'warn' : `breach${t.level + 1}`;
  return `sla.${t.ticketId.replace(/:/g, '_')}.${t.kind}.${stage}.v${t.version}`;
}
