import {
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Post,
  UnprocessableEntityException,
} from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Clock } from '@merchant-pulse/clock';
import { API_KEY_SECURITY_SCHEME, ApiNotFound, ApiStandardErrors, RequireScopes } from '@merchant-pulse/http';
import { lastCompleteLocalDate } from '../activity/daily-activity';
import { ChurnScoringConfig } from '../config/churn-scoring.config';
import { HazardModelsDto, HazardRetrainDto, HazardVersionDto, ModelVersionDto } from './dto/model.dto';
import { HazardModelRepository, HazardModelVersion } from './hazard-model.repository';
import { RetrainHazardModelCommand } from './use-cases/retrain-hazard-model/retrain-hazard-model.command';
import { RetrainHazardModelUseCase } from './use-cases/retrain-hazard-model/retrain-hazard-model.use-case';
import { ModelVersion, ModelVersionRepository } from './model-version.repository';
import { RefitPopulationModelCommand } from './use-cases/refit-population-model/refit-population-model.command';
import { RefitPopulationModelUseCase } from './use-cases/refit-population-model/refit-population-model.use-case';

const toDto = (model: ModelVersion): ModelVersionDto => ({ ...model, diagnostics: { ...model.diagnostics } });

const toHazardDto = (v: HazardModelVersion): HazardVersionDto => ({
  version: v.version,
  asOfDate: v.asOfDate,
  fittedAt: v.fittedAt,
  current: v.isCurrent,
  promoted: v.promoted,
  population: v.model.population ?? null,
  metrics: v.metrics,
  coefficients: Object.fromEntries(
    v.model.features.map((f, j) => [f, Math.round(v.model.coefficients[j] * 1000) / 1000]),
  ),
  platt: v.model.platt,
});

/** The versioned BG/NBD population model. */
@ApiTags('models')
@ApiBearerAuth(API_KEY_SECURITY_SCHEME)
@RequireScopes('risk:read')
@ApiStandardErrors()
@Controller('v1/models')
export class ModelsController {
  constructor(
    private readonly models: ModelVersionRepository,
    private readonly refit: RefitPopulationModelUseCase,
    private readonly hazards: HazardModelRepository,
    private readonly retrain: RetrainHazardModelUseCase,
    private readonly clock: Clock,
    private readonly config: ChurnScoringConfig,
  ) {}

  @Get('current')
  @ApiNotFound()
  @ApiOperation({ summary: 'The current BG/NBD population model (version, parameters, fit diagnostics)' })
  @ApiOkResponse({ type: ModelVersionDto })
  async current(): Promise<ModelVersionDto> {
    const model = await this.models.current();
    if (!model) throw new NotFoundException('no model has been fitted yet');
    return toDto(model);
  }

  @Post('refits')
  @HttpCode(201)
  @RequireScopes('risk:write')
  @ApiOperation({
    summary:
      "Refit the population model now on every merchant's active days up to the clock's last complete day; " +
      'stores and returns the new current version (`source: prior` when fewer than 30 merchants repeat)',
  })
  @ApiCreatedResponse({ type: ModelVersionDto })
  async refitNow(): Promise<ModelVersionDto> {
    const asOfDate = lastCompleteLocalDate(this.clock.now(), this.config.SCORING_TIMEZONE);
    return toDto(await this.refit.execute(new RefitPopulationModelCommand(asOfDate)));
  }

  @Get('hazard')
  @ApiOperation({
    summary:
      'The early-warning hazard model: the current version and the latest candidates, each with its held-out metrics and promotion verdict',
  })
  @ApiOkResponse({ type: HazardModelsDto })
  async hazard(): Promise<HazardModelsDto> {
    const versions = await this.hazards.list(20);
    const current = versions.find((v) => v.isCurrent) ?? (await this.hazards.current());
    return { current: current ? toHazardDto(current) : null, versions: versions.map(toHazardDto) };
  }

  @Post('hazard/retrains')
  @HttpCode(201)
  @RequireScopes('risk:write')
  @ApiOperation({
    summary:
      "Retrain the hazard model now on the history up to the clock's last complete day; the candidate is stored with its " +
      'metrics and becomes current only if it beats the current version on the held-out weeks (422 when the history is too short)',
  })
  @ApiCreatedResponse({ type: HazardRetrainDto })
  async retrainHazard(): Promise<HazardRetrainDto> {
    const asOfDate = lastCompleteLocalDate(this.clock.now(), this.config.SCORING_TIMEZONE);
    try {
      const outcome = await this.retrain.execute(
        new RetrainHazardModelCommand(asOfDate, this.config.HAZARD_HOLDOUT_WEEKS),
      );
      return {
        candidate: toHazardDto(outcome.candidate),
        promoted: outcome.promoted,
        reason: outcome.decision.reason,
        currentVersion: outcome.currentVersion,
        trainingMs: outcome.trainingMs,
      };
    } catch (error) {
      if (error instanceof RangeError) throw new UnprocessableEntityException(error.message);
      throw error;
    }
  }
}
