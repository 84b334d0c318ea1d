import { Provider, Type } from '@nestjs/common';
import { HolidayCoverage } from './calendars/holiday-coverage';
import { SlaConfigRepository } from './calendars/sla-config.repository';
import { SlaSetupCache } from './calendars/sla-setup.cache';
import { SlaStateRepository } from './clocks/sla-state.repository';
import { SlaReportRepository } from './reports/sla-report.repository';
import { SlaAdminController } from './sla-admin.controller';
import { SlaController } from './sla.controller';
import { SlaEngine } from './sla.engine';
import { SlaMetrics } from './sla.metrics';
import { SlaTracker } from './sla-tracker';
import { SlaEscalator } from './timers/sla-escalator';
import { SlaTimerQueue } from './timers/sla-timer.queue';
import { SlaTimerWorker } from './timers/sla-timer.worker';
import { FireSlaTimerUseCase } from './use-cases/fire-sla-timer/fire-sla-timer.use-case';

/** The SLA engine's providers; {@link SlaTracker} is bound to {@link SlaEngine}. */
export const slaProviders: Provider[] = [
  SlaConfigRepository,
  SlaSetupCache,
  SlaStateRepository,
  SlaReportRepository,
  SlaMetrics,
  HolidayCoverage,
  SlaTimerQueue,
  SlaEscalator,
  FireSlaTimerUseCase,
  SlaTimerWorker,
  SlaEngine,
  { provide: SlaTracker, useExisting: SlaEngine },
];

/** The SLA engine's HTTP controllers. */
export const slaControllers: Type[] = [SlaController, SlaAdminController];
