import { Controller, Get, HttpCode, NotFoundException, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Clock } from '@merchant-pulse/clock';
import { API_KEY_SECURITY_SCHEME, ApiNotFound, ApiStandardErrors, RequireScopes } from '@merchant-pulse/http';
import { lastCompleteLocalDate } from '../activity/daily-activity';
import { ChurnScoringConfig } from '../config/churn-scoring.config';
import { ModelVersionDto } from './dto/model.dto';
import { ModelVersion, ModelVersionRepository } from './model-version.repository';
import { RefitPopulationModelCommand } from './use-cases/refit-population-model/refit-population-model.command';
import { RefitPopulationModelUseCase } from './use-cases/refit-population-model/refit-population-model.use-case';

const toDto = (model: ModelVersion): ModelVersionDto => ({ ...model, diagnostics: { ...model.diagnostics } });

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
}
