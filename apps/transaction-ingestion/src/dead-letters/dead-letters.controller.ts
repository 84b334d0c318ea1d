import {
  BadRequestException,
  Body,
  ConflictException,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  Actor,
  API_KEY_SECURITY_SCHEME,
  ApiKeyPrincipal,
  ApiStandardErrors,
  CurrentApiKey,
  CursorParts,
  decodeCursor,
  encodeCursor,
  RequireScopes,
} from '@merchant-pulse/http';
import { DeadLetterRepository } from './dead-letter.repository';
import { DeadLetterDetailView, DeadLetterSummaryView, toDetailView, toSummaryView } from './dead-letter.view';
import { ListDeadLettersQuery } from './dto/list-dead-letters.query';
import { RedriveDeadLettersDto } from './dto/redrive-dead-letters.dto';
import { RedriveDeadLettersCommand } from './use-cases/redrive-dead-letters/redrive-dead-letters.command';
import {
  RedriveDeadLettersUseCase,
  RedriveResult,
} from './use-cases/redrive-dead-letters/redrive-dead-letters.use-case';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Keyset position (firstSeenAt, id) of the last item of the previous page. */
const POSITION = [CursorParts.instant, CursorParts.text(36)] as const;

/**
 * The dead-letter browser and re-drive: what ingestion refused (reason, source position, original
 * bytes and headers), and republishing selected letters after a fix, counted in the ledger as
 * re-driven (moved out of `rejected`), never received twice.
 */
@ApiTags('dead-letters')
@ApiBearerAuth(API_KEY_SECURITY_SCHEME)
@ApiStandardErrors()
@Controller('v1/dead-letters')
export class DeadLettersController {
  constructor(
    private readonly deadLetters: DeadLetterRepository,
    private readonly redrive: RedriveDeadLettersUseCase,
  ) {}

  @Get()
  @RequireScopes('dead-letters:read')
  @ApiOperation({ summary: 'Dead letters, newest first, filtered by reason, acquirer, status and dates' })
  @ApiOkResponse({ schema: { example: { items: [], nextCursor: null } } })
  async list(
    @Query() query: ListDeadLettersQuery,
  ): Promise<{ items: DeadLetterSummaryView[]; nextCursor: string | null }> {
    const limit = query.limit ?? 50;
    const after = query.cursor ? decodeCursor(query.cursor, POSITION) : undefined;
    if (after && !UUID.test(after[1])) throw invalid('cursor', 'cursor is not a cursor returned by this API');
    const records = await this.deadLetters.list(
      {
        reason: query.reason,
        acquirerId: query.acquirerId,
        status: query.status,
        businessDate: query.businessDate,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
      },
      limit,
      after ? { firstSeenAt: after[0], id: after[1] } : undefined,
    );
    const items = records.map(toSummaryView);
    const last = items[items.length - 1];
    return { items, nextCursor: items.length === limit ? encodeCursor([last.firstSeenAt, last.id]) : null };
  }

  @Get(':id')
  @RequireScopes('dead-letters:read')
  @ApiOperation({ summary: 'One dead letter with its original bytes (base64) and headers' })
  @ApiNotFoundResponse({ description: 'No dead letter with this id' })
  async get(@Param('id') id: string): Promise<DeadLetterDetailView> {
    if (!UUID.test(id)) throw invalid('id', 'id must be a UUID');
    const record = await this.deadLetters.get(id.toLowerCase());
    if (!record) throw new NotFoundException(`dead letter ${id} not found`);
    return toDetailView(record);
  }

  @Post('redrives')
  @HttpCode(200)
  @RequireScopes('dead-letters:redrive')
  @ApiHeader({ name: 'X-Actor', required: false, description: 'The person re-driving (audited)' })
  @ApiOperation({
    summary:
      'Republish the selected dead letters (original bytes, to their source topic) after a fix; each is re-driven once',
  })
  @ApiOkResponse({
    schema: {
      example: {
        results: [{ id: '0193a1b2-0000-7000-8000-000000000001', outcome: 'republished', attempt: 1 }],
        republished: 1,
        alreadyRedriven: 0,
        notFound: 0,
        notRedrivable: 0,
      },
    },
  })
  @ApiConflictResponse({ description: 'Nothing republished: every found dead letter was already re-driven' })
  @ApiNotFoundResponse({ description: 'None of the ids is a dead letter' })
  async redriveSelected(
    @Body() body: RedriveDeadLettersDto,
    @Actor() actor: string,
    @CurrentApiKey() key: ApiKeyPrincipal | undefined,
  ): Promise<RedriveResult> {
    const ids = body.ids.map((id) => id.toLowerCase());
    if (new Set(ids).size !== ids.length) throw invalid('ids', 'ids must be distinct');
    const result = await this.redrive.execute(new RedriveDeadLettersCommand(ids, actor, key?.id ?? null));
    if (result.republished > 0 || result.notRedrivable > 0) return result;
    if (result.alreadyRedriven > 0)
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        message: 'already re-driven',
        ...result,
      });
    throw new NotFoundException({
      statusCode: 404,
      error: 'Not Found',
      message: 'no such dead letters',
      ...result,
    });
  }
}

function invalid(field: string, message: string): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: 'Validation failed',
    errors: [{ field, messages: [message] }],
  });
}
