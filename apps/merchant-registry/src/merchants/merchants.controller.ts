import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Req,
  UseFilters,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import {
  AccountableActor,
  ApiActorHeader,
  ApiConflict,
  ApiKeyPrincipal,
  ApiNotFound,
  ApiStandardErrors,
  ApiUnprocessable,
  CurrentApiKey,
  hasScope,
  RequireScopes,
} from '@merchant-pulse/http';
import type { Request } from 'express';
import { DomainErrorFilter } from '../shared/domain-error.filter';
import { BusinessRuleError } from '../shared/domain.errors';
import { CreateMerchantDto } from './dto/create-merchant.dto';
import { ListMerchantsQuery } from './dto/list-merchants.query';
import { MerchantSearchView, SearchMerchantsDto } from './dto/search-merchants.dto';
import { PiiAccessPageView } from '../pii-access/dto/pii-access.view';
import { PiiAccessAuditRepository } from '../pii-access/pii-access-audit.repository';
import { IMMUTABLE_APPLICATION_FIELDS, UpdateMerchantDto } from './dto/update-merchant.dto';
import {
  ClosureView,
  DeclareClosureDto,
  DocumentView,
  ReviewDecisionDto,
  StatusChangeDto,
  StatusView,
} from './dto/merchant-commands.dto';
import { MerchantPageView, MerchantView } from './dto/merchant.view';
import { allowedNextStatuses } from './merchant-status.machine';
import { presentMerchant } from './merchant.presenter';
import { DOCUMENT_TYPES, DocumentType } from './merchant.vocabulary';
import { DeclareClosureCommand } from './use-cases/declare-closure/declare-closure.command';
import { DeclareClosureUseCase } from './use-cases/declare-closure/declare-closure.use-case';
import { GetMerchantUseCase } from './use-cases/get-merchant/get-merchant.use-case';
import { ListMerchantsUseCase } from './use-cases/list-merchants/list-merchants.use-case';
import { SearchMerchantsUseCase } from './use-cases/search-merchants/search-merchants.use-case';
import { RegisterMerchantUseCase } from './use-cases/register-merchant/register-merchant.use-case';
import { TransitionMerchantUseCase } from './use-cases/transition-merchant/transition-merchant.use-case';
import { UpdateApplicationUseCase } from './use-cases/update-application/update-application.use-case';
import { UploadDocumentUseCase } from './use-cases/upload-document/upload-document.use-case';
import type { MerchantRecord } from './merchant.record';

const REVIEW_TARGET = {
  start: 'under_review',
  approve: 'approved',
  reject: 'rejected',
  request_changes: 'draft',
} as const;

/** Merchant onboarding and lookup. Thin: maps HTTP to commands and calls use cases. */
@ApiTags('merchants')
@ApiBearerAuth('api-key')
@UseFilters(DomainErrorFilter)
@ApiStandardErrors()
@Controller('v1/merchants')
export class MerchantsController {
  constructor(
    private readonly register: RegisterMerchantUseCase,
    private readonly upload: UploadDocumentUseCase,
    private readonly transition: TransitionMerchantUseCase,
    private readonly getMerchant: GetMerchantUseCase,
    private readonly listMerchants: ListMerchantsUseCase,
    private readonly updateApplication: UpdateApplicationUseCase,
    private readonly searchMerchants: SearchMerchantsUseCase,
    private readonly piiAudit: PiiAccessAuditRepository,
    private readonly declare: DeclareClosureUseCase,
  ) {}

  @Post()
  @RequireScopes('merchants:write')
  @ApiOperation({ summary: 'Register a merchant application (status draft)' })
  @ApiCreatedResponse({ type: MerchantView })
  async create(
    @Body() body: CreateMerchantDto,
    @CurrentApiKey() key: ApiKeyPrincipal,
  ): Promise<MerchantView> {
    const record = await this.register.execute({ ...body, actor: key.id });
    return presentMerchant(record);
  }

  @Get()
  @RequireScopes('merchants:read')
  @ApiOperation({
    summary: 'List merchants (filters: status, tier, city, region, name contains, created range)',
  })
  @ApiActorHeader()
  @ApiOkResponse({ type: MerchantPageView })
  list(
    @Query() query: ListMerchantsQuery,
    @CurrentApiKey() key: ApiKeyPrincipal,
    @AccountableActor() actor: string,
  ): Promise<MerchantPageView> {
    return this.listMerchants.execute({ ...query, revealPii: hasScope(key, 'pii:read'), actor });
  }

  @Post('search')
  @HttpCode(200)
  @RequireScopes('merchants:read', 'pii:search')
  @ApiOperation({
    summary: 'Find merchants by exact phone or resident ID (value in the body; every search is audited)',
    description: 'Exactly one of phone or idNumber. PII masked unless the key also holds pii:read.',
  })
  @ApiActorHeader()
  @ApiOkResponse({ type: MerchantSearchView })
  search(
    @Body() body: SearchMerchantsDto,
    @CurrentApiKey() key: ApiKeyPrincipal,
    @AccountableActor() actor: string,
  ): Promise<MerchantSearchView> {
    return this.searchMerchants.execute({ ...body, revealPii: hasScope(key, 'pii:read'), actor });
  }

  @Get(':id/pii-access')
  @ApiNotFound()
  @RequireScopes('pii:admin')
  @ApiOperation({ summary: "Audit of who revealed or searched this merchant's PII, newest first (last 200)" })
  @ApiOkResponse({ type: PiiAccessPageView })
  async piiAccess(@Param('id') id: string): Promise<PiiAccessPageView> {
    return { items: await this.piiAudit.listByMerchant(id, 200) };
  }

  @Get(':id')
  @ApiNotFound()
  @RequireScopes('merchants:read')
  @ApiOperation({ summary: 'One merchant; PII masked unless the key has pii:read' })
  @ApiActorHeader()
  @ApiOkResponse({ type: MerchantView })
  get(
    @Param('id') id: string,
    @CurrentApiKey() key: ApiKeyPrincipal,
    @AccountableActor() actor: string,
  ): Promise<MerchantView> {
    return this.getMerchant.execute({ merchantId: id, revealPii: hasScope(key, 'pii:read'), actor });
  }

  @Patch(':id')
  @ApiNotFound()
  @RequireScopes('merchants:write')
  @ApiOperation({
    summary: 'Correct application fields while draft (incl. sent back for changes) or rejected',
    description:
      'Same validation as create; nested contact/settlementCard replace the stored ones. Immutable fields ' +
      '(merchantId, kind) → 422 naming the field; other statuses → 409. Recomputes requirements.currentlyDue.',
  })
  @ApiOkResponse({ type: MerchantView })
  @ApiUnprocessable('{ code: immutable_field | business_only_field }')
  @ApiConflict('{ code: application_locked }')
  async patch(
    @Param('id') id: string,
    @Body() body: UpdateMerchantDto,
    @CurrentApiKey() key: ApiKeyPrincipal,
  ): Promise<MerchantView> {
    const { merchantId: _m, kind: _k, id: _i, status: _s, ...changes } = body;
    const record = await this.updateApplication.execute({
      merchantId: id,
      immutableFieldsGiven: IMMUTABLE_APPLICATION_FIELDS.filter((f) => body[f] !== undefined),
      changes,
      actor: key.id,
    });
    return presentMerchant(record);
  }

  @Put(':id/documents/:type')
  @ApiNotFound()
  @HttpCode(201)
  @RequireScopes('merchants:write')
  @ApiOperation({ summary: 'Upload a KYC document (raw bytes; image/jpeg, image/png or application/pdf)' })
  @ApiParam({ name: 'type', enum: DOCUMENT_TYPES })
  @ApiConsumes('image/jpeg', 'image/png', 'application/pdf')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiCreatedResponse({ type: DocumentView })
  async putDocument(
    @Param('id') id: string,
    @Param('type') type: string,
    @Req() req: Request,
  ): Promise<DocumentView> {
    if (!(DOCUMENT_TYPES as readonly string[]).includes(type)) {
      throw new BusinessRuleError(
        'unknown_document_type',
        `type must be one of ${DOCUMENT_TYPES.join(', ')}`,
        400,
      );
    }
    const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const mediaType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    const doc = await this.upload.execute({ merchantId: id, type: type as DocumentType, mediaType, bytes });
    return {
      type: doc.type,
      sha256: doc.sha256,
      sizeBytes: doc.sizeBytes,
      mediaType: doc.mediaType,
      uploadedAt: doc.uploadedAt.toISOString(),
    };
  }

  @Post(':id/submit')
  @ApiNotFound()
  @HttpCode(200)
  @RequireScopes('merchants:write')
  @ApiOperation({ summary: 'Submit the application; 422 with currentlyDue while anything is due' })
  @ApiOkResponse({ type: StatusView })
  @ApiUnprocessable('{ currentlyDue, blockedReason }')
  @ApiConflict('{ currentStatus, allowedNext }')
  submit(@Param('id') id: string, @CurrentApiKey() key: ApiKeyPrincipal): Promise<StatusView> {
    return this.move({ merchantId: id, to: 'submitted', actor: key.id });
  }

  @Post(':id/review')
  @ApiNotFound()
  @HttpCode(200)
  @RequireScopes('merchants:review')
  @ApiOperation({
    summary:
      'Review decision: start → under_review, approve → approved, reject → rejected, request_changes → draft',
  })
  @ApiOkResponse({ type: StatusView })
  @ApiConflict('{ currentStatus, allowedNext }')
  review(
    @Param('id') id: string,
    @Body() body: ReviewDecisionDto,
    @CurrentApiKey() key: ApiKeyPrincipal,
  ): Promise<StatusView> {
    const to = REVIEW_TARGET[body.decision];
    return this.move({ merchantId: id, to, reasonCodes: body.reasonCodes, note: body.note, actor: key.id });
  }

  @Post(':id/activate')
  @ApiNotFound()
  @HttpCode(200)
  @RequireScopes('merchants:review')
  @ApiOperation({ summary: 'Activate an approved merchant' })
  @ApiOkResponse({ type: StatusView })
  activate(@Param('id') id: string, @CurrentApiKey() key: ApiKeyPrincipal): Promise<StatusView> {
    return this.move({ merchantId: id, to: 'active', actor: key.id });
  }

  @Post(':id/status')
  @ApiNotFound()
  @HttpCode(200)
  @RequireScopes('merchants:review')
  @ApiOperation({ summary: 'Suspend, resume (active), close, or reopen a rejected application (draft)' })
  @ApiOkResponse({ type: StatusView })
  changeStatus(
    @Param('id') id: string,
    @Body() body: StatusChangeDto,
    @CurrentApiKey() key: ApiKeyPrincipal,
  ): Promise<StatusView> {
    return this.move({
      merchantId: id,
      to: body.to,
      reasonCodes: body.reasonCodes,
      note: body.note,
      actor: key.id,
    });
  }

  @Post(':id/closures')
  @HttpCode(201)
  @RequireScopes('merchants:write')
  @ApiOperation({
    summary:
      'Declare a temporary closure (Spring Festival, renovation...): churn scoring treats the silence as a break, not a dormancy. ' +
      'Emits MerchantClosureDeclared on merchant.lifecycle.v1; 422 when endsOn < startsOn or it spans more than 45 days',
  })
  @ApiCreatedResponse({ type: ClosureView })
  async declareClosure(
    @Param('id') id: string,
    @Body() body: DeclareClosureDto,
    @CurrentApiKey() key: ApiKeyPrincipal,
  ): Promise<ClosureView> {
    return this.declare.execute(
      new DeclareClosureCommand(id, body.startsOn, body.endsOn, body.reason, body.note, key.id),
    );
  }

  private async move(command: Parameters<TransitionMerchantUseCase['execute']>[0]): Promise<StatusView> {
    const merchant: MerchantRecord = await this.transition.execute(command);
    return { status: merchant.status, allowedNext: [...allowedNextStatuses(merchant.status)] };
  }
}
