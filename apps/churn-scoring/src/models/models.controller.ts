import { Controller, Get, NotFoundException } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { API_KEY_SECURITY_SCHEME, RequireScopes } from '@merchant-pulse/http';
import { ModelVersionDto } from './dto/model.dto';
import { ModelVersionRepository } from './model-version.repository';

/** The versioned BG/NBD population model. */
@ApiTags('models')
@ApiBearerAuth(API_KEY_SECURITY_SCHEME)
@RequireScopes('risk:read')
@Controller('v1/models')
export class ModelsController {
  constructor(private readonly models: ModelVersionRepository) {}

  @Get('current')
  @ApiOperation({ summary: 'The current BG/NBD population model (version, parameters, fit diagnostics)' })
  @ApiOkResponse({ type: ModelVersionDto })
  async current(): Promise<ModelVersionDto> {
    const model = await this.models.current();
    if (!model) throw new NotFoundException('no model has been fitted yet');
    return { ...model, diagnostics: { ...model.diagnostics } };
  }
}
