import { Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { randomInt } from 'node:crypto';
import { BusinessRuleError } from '../../../shared/domain.errors';
import { TransactionRunner } from '../../../shared/transaction.runner';
import { TerminalRecord, TerminalRepository } from '../../terminal.repository';

/** Put a new terminal into inventory. */
export interface RegisterTerminalCommand {
  terminalId?: string;
  serialNumber: string;
  model: string;
  firmwareVersion: string;
}

/**
 * Adds a terminal to inventory and starts its history. No event: terminals are not about a merchant
 * until assigned (events are keyed by merchantId).
 */
@Injectable()
export class RegisterTerminalUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly terminals: TerminalRepository,
    private readonly clock: Clock,
  ) {}

  async execute(command: RegisterTerminalCommand): Promise<TerminalRecord> {
    const now = this.clock.now();
    const terminal: TerminalRecord = {
      id: command.terminalId ?? `T${String(randomInt(1e9)).padStart(9, '0')}`,
      serialNumber: command.serialNumber,
      model: command.model,
      firmwareVersion: command.firmwareVersion,
      status: 'inventory',
      merchantId: null,
      address: null,
      createdAt: now,
      updatedAt: now,
    };
    return this.tx.run(async (manager) => {
      if (await this.terminals.existsWith(manager, terminal.id, terminal.serialNumber)) {
        throw new BusinessRuleError(
          'terminal_exists',
          'a terminal with this id or serial number exists',
          409,
        );
      }
      await this.terminals.insert(manager, terminal);
      await this.terminals.appendHistory(manager, {
        terminalId: terminal.id,
        fromStatus: null,
        toStatus: 'inventory',
        merchantId: null,
        address: null,
        reason: 'received into inventory',
        changedAt: now,
      });
      return terminal;
    });
  }
}
