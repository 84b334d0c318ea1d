import { Body, Controller, Get, Param, Post, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ApiKeyPrincipal,
  ApiNotFound,
  ApiStandardErrors,
  CurrentApiKey,
  RequireScopes,
} from '@merchant-pulse/http';
import { MerchantRepository } from '../merchants/merchant.repository';
import { DomainErrorFilter } from '../shared/domain-error.filter';
import { NotFoundError } from '../shared/domain.errors';
import { ConsentLedgerRepository } from './consent-ledger.repository';
import { deriveConsent } from './consent.derivation';
import { ConsentView, RecordConsentDto } from './dto/consent.dto';
import { RecordConsentUseCase } from './use-cases/record-consent/record-consent.use-case';

/** Consent per channel × purpose, as a ledger. */
@ApiTags('consent')
@ApiBearerAuth('api-key')
@UseFilters(DomainErrorFilter)
@ApiStandardErrors()
@Controller('v1/merchants/:id/consents')
export class ContactsController {
  constructor(
    private readonly record: RecordConsentUseCase,
    private readonly ledger: ConsentLedgerRepository,
    private readonly merchants: MerchantRepository,
  ) {}

  @Post()
  @ApiNotFound()
  @RequireScopes('merchants:write')
  @ApiOperation({ summary: 'Record a consent grant or withdrawal; returns the current consent' })
  @ApiCreatedResponse({ type: ConsentView })
  async recordConsent(
    @Param('id') id: string,
    @Body() body: RecordConsentDto,
    @CurrentApiKey() key: ApiKeyPrincipal,
  ): Promise<ConsentView> {
    await this.record.execute({ merchantId: id, ...body, actor: key.id });
    return this.view(id);
  }

  @Get()
  @ApiNotFound()
  @RequireScopes('merchants:read')
  @ApiOperation({ summary: 'Current consent (derived) and the full ledger' })
  @ApiOkResponse({ type: ConsentView })
  async get(@Param('id') id: string): Promise<ConsentView> {
    if (!(await this.merchants.findById(id))) throw new NotFoundError('merchant', id);
    return this.view(id);
  }

  private async view(id: string): Promise<ConsentView> {
    const ledger = await this.ledger.ledgerOf(id);
    return {
      current: deriveConsent(ledger),
      ledger: ledger.map((e) => ({ ...e, recordedAt: new Date(e.recordedAt).toISOString() })),
    };
  }
}
