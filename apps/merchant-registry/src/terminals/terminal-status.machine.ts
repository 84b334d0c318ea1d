import type { TerminalStatus } from '@merchant-pulse/contracts';
import { IllegalTransitionError } from '../shared/domain.errors';

/**
 * Terminal lifecycle: inventory → assigned (to a merchant and address) → active → faulty; a faulty
 * terminal is repaired (active) or back to inventory; an assigned one can be unassigned (inventory);
 * an active one can be recalled to inventory (idle-terminal recovery); anything may be retired, and
 * retired is final.
 */
export const TERMINAL_TRANSITIONS: Readonly<Record<TerminalStatus, readonly TerminalStatus[]>> = {
  inventory: ['assigned', 'retired'],
  assigned: ['active', 'inventory', 'retired'],
  active: ['faulty', 'inventory', 'retired'],
  faulty: ['active', 'inventory', 'retired'],
  retired: [],
};

/** @throws IllegalTransitionError (409) with the allowed next statuses. */
export function assertTerminalTransition(from: TerminalStatus, to: TerminalStatus): void {
  if (!TERMINAL_TRANSITIONS[from].includes(to)) {
    throw new IllegalTransitionError('terminal', from, to, TERMINAL_TRANSITIONS[from]);
  }
}
