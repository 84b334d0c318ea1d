import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { LOGGER, Logger } from '@merchant-pulse/observability';
import { PeriodicTask } from '@merchant-pulse/platform';
import { ReactivationCampaignsConfig } from '../config/reactivation-campaigns.config';
import { OfferTrainingUseCase } from './use-cases/offer-training/offer-training.use-case';
import { ScheduleReturnVisitsUseCase } from './use-cases/schedule-return-visits/schedule-return-visits.use-case';
import { SendQuarterlySurveysUseCase } from './use-cases/send-quarterly-surveys/send-quarterly-surveys.use-case';

export type CarePart = 'visits' | 'surveys' | 'training';

/**
 * The care scheduler: return visits, the quarterly survey and training offers every CARE_JOBS_EVERY_MS
 * on replicas that run consumers. Each part is idempotent per merchant and cycle, so replicas racing or a
 * run repeated by API create nothing twice.
 */
@Injectable()
export class CareJobs implements OnModuleInit, OnApplicationShutdown {
  private readonly task: PeriodicTask;

  constructor(
    private readonly config: ReactivationCampaignsConfig,
    private readonly visits: ScheduleReturnVisitsUseCase,
    private readonly surveys: SendQuarterlySurveysUseCase,
    private readonly training: OfferTrainingUseCase,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.task = new PeriodicTask(
      () => this.run(['visits', 'surveys', 'training']),
      logger,
      'care scheduler run failed',
    );
  }

  onModuleInit(): void {
    if (this.config.runConsumers) this.task.start(this.config.CARE_JOBS_EVERY_MS);
  }

  async run(parts: readonly CarePart[]): Promise<Partial<Record<CarePart, object>>> {
    const result: Partial<Record<CarePart, object>> = {};
    if (parts.includes('visits')) result.visits = await this.visits.execute();
    if (parts.includes('surveys')) result.surveys = await this.surveys.execute();
    if (parts.includes('training')) result.training = await this.training.execute();
    return result;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }
}
