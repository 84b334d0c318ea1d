import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { withTransaction } from '@merchant-pulse/database';
import { DataSource } from 'typeorm';
import { LOYALTY_SETTINGS, LoyaltySettings, localDate } from '../../../loyalty/loyalty.settings';
import { MerchantRegistryClient, RegistryRejectedError } from '../../../registry/merchant-registry.client';
import { FleetRepository } from '../../fleet.repository';
import { idleReason, utilisationOf } from '../../idle-terminal.policy';
import { Recovery, RecoveryRepository } from '../../recovery.repository';
import { TerminalFleetMetrics } from '../../terminal-fleet.metrics';

/** Days between opening a recovery (contact the merchant) and recalling the terminal if still idle. */
export const CONTACT_GRACE_DAYS = 7;
const DAY_MS = 86_400_000;

/**
 * The idle-terminal workflow, run on a schedule: idle assigned terminals enter recovery (contact the
 * merchant); a recovery whose terminal trades again, or is no longer assigned, is resolved; one still
 * idle after the contact grace period is recalled to inventory in the registry. Sets the utilisation
 * KPI metrics.
 */
@Injectable()
export class ScanIdleTerminalsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly fleet: FleetRepository,
    private readonly recoveries: RecoveryRepository,
    private readonly registry: MerchantRegistryClient,
    private readonly metrics: TerminalFleetMetrics,
    private readonly clock: Clock,
    @Inject(LOYALTY_SETTINGS) private readonly settings: LoyaltySettings,
  ) {}

  async execute(): Promise<Record<string, number | string | null>> {
    const now = this.clock.now();
    const today = localDate(now, this.settings.timezone);
    const terminals = await this.fleet.assignedTerminals(this.settings.timezone);
    const idle = new Map(
      terminals
        .map((t) => [t, idleReason(t, today, this.settings.terminalIdleDays)] as const)
        .filter(([, reason]) => reason !== null)
        .map(([t, reason]) => [t.terminalId, { t, reason: reason! }]),
    );
    let opened = 0;
    await withTransaction(this.dataSource, async (manager) => {
      for (const { t, reason } of idle.values()) {
        const recallDueAt = new Date(now.getTime() + CONTACT_GRACE_DAYS * DAY_MS);
        if (await this.recoveries.open(manager, { ...t, reason, openedAt: now, recallDueAt })) opened++;
      }
    });
    let resolved = 0;
    let recalled = 0;
    for (const r of await this.recoveries.listOpen()) {
      if (!idle.has(r.terminalId)) {
        if (await this.recoveries.close(r.recoveryId, 'resolved', now, 'trading again or no longer assigned'))
          resolved++;
      } else if (Date.parse(r.recallDueAt) <= now.getTime() && (await this.recall(r))) recalled++;
    }
    const kpi = utilisationOf(terminals, today);
    this.metrics.assigned.set(kpi.assigned);
    this.metrics.idle.set(idle.size);
    if (kpi.utilisation !== null) this.metrics.utilisation.set(kpi.utilisation);
    return { asOfDate: today, ...kpi, idle: idle.size, opened, resolved, recalled };
  }

  /** Recalls the terminal in the registry; true when the recovery is closed as recalled. */
  async recall(r: Recovery): Promise<boolean> {
    try {
      await this.registry.recallTerminal(r.terminalId, `idle terminal recovery ${r.recoveryId}: ${r.reason}`);
      return this.recoveries.close(r.recoveryId, 'recalled', this.clock.now());
    } catch (error) {
      if (error instanceof RegistryRejectedError && error.status === 409)
        // Already in inventory or retired: nothing left to recall.
        return this.recoveries.close(r.recoveryId, 'resolved', this.clock.now(), `registry: ${error.detail}`);
      await this.recoveries.recordRecallError(r.recoveryId, (error as Error).message);
      return false;
    }
  }
}
