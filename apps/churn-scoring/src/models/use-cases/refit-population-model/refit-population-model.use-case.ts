import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { LOGGER, Logger } from '@merchant-pulse/observability';
import { MerchantActivityRepository } from '../../../activity/merchant-activity.repository';
import { ModelVersion, ModelVersionRepository } from '../../model-version.repository';
import { fitPopulationModel } from '../../population-model';
import { RefitPopulationModelCommand } from './refit-population-model.command';

/**
 * Fits BG/NBD (time unit: days; an active day is a transaction) on the whole merchant population and
 * stores it as a new current model version. Scores computed afterwards name that version.
 */
@Injectable()
export class RefitPopulationModelUseCase {
  constructor(
    private readonly activity: MerchantActivityRepository,
    private readonly models: ModelVersionRepository,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(command: RefitPopulationModelCommand, onlyIfNone = false): Promise<ModelVersion> {
    const histories = await this.activity.loadHistories(command.asOfDate);
    const fit = fitPopulationModel(histories);
    const model = await this.models.saveAsCurrent(
      fit,
      command.asOfDate,
      this.clock.now().toISOString(),
      onlyIfNone,
    );
    this.logger.info(
      { version: model.version, source: fit.source, ...fit.diagnostics },
      'BG/NBD population model refreshed',
    );
    return model;
  }

  /** The current model, fitting the first one when none exists yet. */
  async currentOrFit(asOfDate: string): Promise<ModelVersion> {
    return (await this.models.current()) ?? this.execute(new RefitPopulationModelCommand(asOfDate), true);
  }
}
