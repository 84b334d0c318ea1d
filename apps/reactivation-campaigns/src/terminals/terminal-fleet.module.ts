import { Inject, Injectable, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { LOGGER, Logger } from '@merchant-pulse/observability';
import { PeriodicTask } from '@merchant-pulse/platform';
import { ReactivationCampaignsConfig } from '../config/reactivation-campaigns.config';
import { LoyaltyModule } from '../loyalty/loyalty.module';
import { TrackTerminalFleetConsumer } from './consumers/track-terminal-fleet.consumer';
import { FleetRepository } from './fleet.repository';
import { RecoveryRepository } from './recovery.repository';
import { TerminalFleetController } from './terminal-fleet.controller';
import { TerminalFleetMetrics } from './terminal-fleet.metrics';
import { ScanIdleTerminalsUseCase } from './use-cases/scan-idle-terminals/scan-idle-terminals.use-case';

/** Scans for idle terminals every LOYALTY_JOBS_EVERY_MS on replicas that run consumers. */
@Injectable()
export class TerminalFleetJobs implements OnModuleInit, OnApplicationShutdown {
  private readonly task: PeriodicTask;

  constructor(
    private readonly config: ReactivationCampaignsConfig,
    scan: ScanIdleTerminalsUseCase,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.task = new PeriodicTask(() => scan.execute(), logger, 'idle-terminal scan failed');
  }

  onModuleInit(): void {
    if (this.config.runConsumers) this.task.start(this.config.LOYALTY_JOBS_EVERY_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }
}

/** Idle terminals: fleet projection, recovery workflow, utilisation KPI. */
@Module({
  imports: [LoyaltyModule],
  controllers: [TerminalFleetController],
  providers: [
    FleetRepository,
    RecoveryRepository,
    TerminalFleetMetrics,
    ScanIdleTerminalsUseCase,
    TrackTerminalFleetConsumer,
    TerminalFleetJobs,
  ],
})
export class TerminalFleetModule {}
