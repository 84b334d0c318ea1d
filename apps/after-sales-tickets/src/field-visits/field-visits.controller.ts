import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, ApiStandardErrors, RequireScopes } from '@merchant-pulse/http';
import { ChangeFieldVisitDto, FieldVisitView, RequestFieldVisitDto } from './dto/field-visit.dto';
import { ChangeFieldVisitUseCase } from './use-cases/change-field-visit/change-field-visit.use-case';
import { RequestFieldVisitUseCase } from './use-cases/request-field-visit/request-field-visit.use-case';

/** On-site repair dispatch: requested → scheduled → en_route → on_site → done | failed. */
@ApiTags('field-visits')
@ApiBearerAuth('api-key')
@ApiStandardErrors()
@Controller('v1')
export class FieldVisitsController {
  constructor(
    private readonly requestVisit: RequestFieldVisitUseCase,
    private readonly changeVisit: ChangeFieldVisitUseCase,
  ) {}

  @Post('tickets/:id/field-visits')
  @RequireScopes('tickets:write')
  @ApiOperation({ summary: 'Request an on-site repair for an active ticket' })
  @ApiCreatedResponse({ type: FieldVisitView })
  request(
    @Param('id') id: string,
    @Body() body: RequestFieldVisitDto,
    @Actor() actor: string,
  ): Promise<FieldVisitView> {
    const { windowStart, windowEnd, ...rest } = body;
    return this.requestVisit.execute({
      ticketId: id,
      ...rest,
      ...visitWindow({ windowStart, windowEnd }),
      actor,
    });
  }

  @Post('field-visits/:id/status')
  @HttpCode(200)
  @RequireScopes('tickets:write')
  @ApiOperation({ summary: 'Move a visit; done declares the fix applied, failed keeps the ticket open' })
  @ApiOkResponse({ type: FieldVisitView })
  @ApiConflictResponse({ description: '{ currentStatus, requested, allowedNext }' })
  change(
    @Param('id') id: string,
    @Body() body: ChangeFieldVisitDto,
    @Actor() actor: string,
  ): Promise<FieldVisitView> {
    const { windowStart, windowEnd, ...rest } = body;
    return this.changeVisit.execute({
      visitId: id,
      ...rest,
      ...visitWindow({ windowStart, windowEnd }),
      actor,
    });
  }
}

/** The visit window as instants (validated as UTC instants in the contract years by the DTOs). */
function visitWindow(body: { windowStart?: string; windowEnd?: string }): {
  windowStart?: Date;
  windowEnd?: Date;
} {
  return {
    windowStart: body.windowStart === undefined ? undefined : new Date(body.windowStart),
    windowEnd: body.windowEnd === undefined ? undefined : new Date(body.windowEnd),
  };
}
