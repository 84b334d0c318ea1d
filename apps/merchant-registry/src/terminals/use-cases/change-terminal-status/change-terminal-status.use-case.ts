import { Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { createEvent, TerminalStatus } from '@merchant-pulse/contracts';
import type { AnyEvent } from '@merchant-pulse/contracts';
import { MerchantRepository } from '../../../merchants/merchant.repository';
import { BusinessRuleError, NotFoundError } from '../../../shared/domain.errors';
import { REGISTRY_PRODUCER, RegistryEventsOutbox } from '../../../shared/registry-events.outbox';
import { TransactionRunner } from '../../../shared/transaction.runner';
import { TerminalRecord, TerminalRepository } from '../../terminal.repository';
import { assertTerminalTransition } from '../../terminal-status.machine';

/** Move a terminal: assign (needs merchantId + address), activate, report faulty, repair, retire. */
export interface ChangeTerminalStatusCommand {
  terminalId: string;
  to: TerminalStatus;
  merchantId?: string;
  address?: string;
  reason?: string;
}

/**
 * Every terminal move: checks the machine (409), appends history, and emits TerminalAssigned (on
 * assignment) or TerminalStatusChanged, keyed by the merchant the terminal belongs to. A terminal
 * returned to inventory keeps the merchant on its history row and event, then is detached.
 */
@Injectable()
export class ChangeTerminalStatusUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly terminals: TerminalRepository,
    private readonly merchants: MerchantRepository,
    private readonly events: RegistryEventsOutbox,
    private readonly clock: Clock,
  ) {}

  async execute(command: ChangeTerminalStatusCommand): Promise<TerminalRecord> {
    return this.tx.run(async (manager) => {
      const terminal = await this.terminals.lockById(manager, command.terminalId);
      if (!terminal) throw new NotFoundError('terminal', command.terminalId);
      assertTerminalTransition(terminal.status, command.to);
      const now = this.clock.now();
      const next: TerminalRecord = { ...terminal, status: command.to, updatedAt: now };
      if (command.to === 'assigned') {
        if (!command.merchantId || !command.address) {
          throw new BusinessRuleError(
            'assignment_incomplete',
            'assignment needs merchantId and address',
            400,
          );
        }
        if (!(await this.merchants.exists(manager, command.merchantId))) {
          throw new NotFoundError('merchant', command.merchantId);
        }
        next.merchantId = command.merchantId;
        next.address = command.address;
      }
      const owner = next.merchantId;
      if (command.to === 'inventory') {
        next.merchantId = null;
        next.address = null;
      }
      await this.terminals.update(manager, next);
      await this.terminals.appendHistory(manager, {
        terminalId: terminal.id,
        fromStatus: terminal.status,
        toStatus: command.to,
        merchantId: owner,
        address: next.address ?? terminal.address,
        reason: command.reason ?? null,
        changedAt: now,
      });
      if (owner) await this.events.emit(manager, [terminalEvent(terminal, next, owner, command.reason, now)]);
      return next;
    });
  }
}

function terminalEvent(
  before: TerminalRecord,
  after: TerminalRecord,
  merchantId: string,
  reason: string | undefined,
  at: Date,
): AnyEvent {
  const common = { merchantId, producer: REGISTRY_PRODUCER, occurredAt: at };
  if (after.status === 'assigned') {
    return createEvent('TerminalAssigned', {
      ...common,
      payload: {
        terminalId: after.id,
        serialNumber: after.serialNumber,
        model: after.model,
        status: after.status,
        address: after.address ?? undefined,
        assignedAt: at.toISOString(),
      },
    });
  }
  const payload = {
    terminalId: after.id,
    from: before.status,
    to: after.status,
    changedAt: at.toISOString(),
  };
  return createEvent('TerminalStatusChanged', {
    ...common,
    payload: reason ? { ...payload, reason } : payload,
  });
}
