import { Controller, Get, Param, Query, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccountableActor, ApiActorHeader, RequireScopes, ApiStandardErrors } from '@merchant-pulse/http';
import { DomainErrorFilter } from '../shared/domain-error.filter';
import { OutreachContactQuery, OutreachContactView } from './dto/outreach-contact.view';
import { GetOutreachContactUseCase } from './use-cases/get-outreach-contact/get-outreach-contact.use-case';

/** The narrow, audited read a campaign sender makes at send time (the registry owns PII). */
@ApiTags('consent')
@ApiBearerAuth('api-key')
@UseFilters(DomainErrorFilter)
@ApiStandardErrors()
@Controller('v1/merchants/:id/outreach-contact')
export class OutreachContactController {
  constructor(private readonly getContact: GetOutreachContactUseCase) {}

  @Get()
  @RequireScopes('outreach:contact')
  @ApiOperation({
    summary: "One channel's address and consent (service, marketing) for an outreach sender; audited",
  })
  @ApiOkResponse({ type: OutreachContactView })
  @ApiActorHeader()
  get(
    @Param('id') id: string,
    @Query() query: OutreachContactQuery,
    @AccountableActor() actor: string,
  ): Promise<OutreachContactView> {
    return this.getContact.execute({ merchantId: id, channel: query.channel, actor });
  }
}
