import { Inject, Injectable } from '@nestjs/common';
import type { CustomerHistory } from '@merchant-pulse/bgnbd';
import { Clock } from '@merchant-pulse/clock';
import { LOGGER, Logger } from '@merchant-pulse/observability';
import { MerchantActivityRepository } from '../../../activity/merchant-activity.repository';
import { ModelVersion, ModelVersionRepository } from '../../model-version.repository';
import { fitPopulationModel, MIN_REPEAT_MERCHANTS_TO_FIT } from '../../population-model';
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

  /** Fits now and stores the result as a new current version (`prior` when the data is too thin). */
  async execute(command: RefitPopulationModelCommand, onlyIfNone = false): Promise<ModelVersion> {
    return this.fitAndSave(await this.activity.loadHistories(command.asOfDate), command.asOfDate, onlyIfNone);
  }

  /** The current model, fitting the first one when none exists yet. */
  async currentOrFit(asOfDate: string): Promise<ModelVersion> {
    return (await this.models.current()) ?? this.execute(new RefitPopulationModelCommand(asOfDate), true);
  }

  /**
   * The model a full rescoring should use. The current one is kept while it is a maximum-likelihood fit
   * younger than `maxAgeMs` (MODEL_REFIT_EVERY_MS; age by the clock since `fittedAt`). Otherwise — a prior, a stale fit, or none yet (e.g.
   * the scheduled refit ran before any history arrived) — it refits first, but only when at least
   * {@link MIN_REPEAT_MERCHANTS_TO_FIT} merchants have repeat activity; with less data the current
   * model (or a first prior) is used, so thin data never piles up prior versions.
   */
  async freshForRescoring(asOfDate: string, maxAgeMs: number): Promise<ModelVersion> {
    const current = await this.models.current();
    if (current && !this.needsRefit(current, maxAgeMs)) return current;
    const histories = await this.activity.loadHistories(asOfDate);
    const repeat = histories.filter((h) => h.x > 0).length;
    if (repeat < MIN_REPEAT_MERCHANTS_TO_FIT) return current ?? this.fitAndSave(histories, asOfDate, true);
    return this.fitAndSave(histories, asOfDate, false);
  }

  private needsRefit(model: ModelVersion, maxAgeMs: number): boolean {
    const ageMs = this.clock.nowMs() - Date.parse(model.fittedAt);
    return model.source === 'prior' || ageMs >= maxAgeMs;
  }

  private async fitAndSave(
    histories: readonly CustomerHistory[],
    asOfDate: string,
    onlyIfNone: boolean,
  ): Promise<ModelVersion> {
    const fit = fitPopulationModel(histories);
    const model = await this.models.saveAsCurrent(fit, asOfDate, this.clock.now().toISOString(), onlyIfNone);
    this.logger.info(
      { version: model.version, source: fit.source, ...fit.diagnostics },
      'BG/NBD population model refreshed',
    );
    return model;
  }
}
