import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Clock } from '@merchant-pulse/clock';
import {
  API_KEY_SECURITY_SCHEME,
  ApiStandardErrors,
  CursorParts,
  decodeCursor,
  encodeCursor,
  RequireScopes,
} from '@merchant-pulse/http';
import { ListTransactionsQuery } from './dto/list-transactions.query';
import { TransactionRecord, TransactionRepository } from './transaction.repository';

/** Read side: a merchant's ingested transactions, newest first, with keyset cursors. */
@ApiTags('transactions')
@ApiBearerAuth(API_KEY_SECURITY_SCHEME)
@ApiStandardErrors()
@Controller('v1/merchants')
export class TransactionsController {
  constructor(
    private readonly transactions: TransactionRepository,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Get(':merchantId/transactions')
  @RequireScopes('transactions:read')
  @ApiOperation({ summary: "A merchant's transactions in a time range (cursor pagination)" })
  @ApiOkResponse({ schema: { example: { items: [], nextCursor: null } } })
  async list(
    @Param('merchantId') merchantId: string,
    @Query() query: ListTransactionsQuery,
  ): Promise<{ items: TransactionRecord[]; nextCursor: string | null }> {
    const to = query.to ? new Date(query.to) : this.clock.now();
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * 86_400_000);
    const limit = query.limit ?? 50;
    const items = await this.transactions.listByMerchant({
      merchantId,
      from,
      to,
      limit,
      after: query.cursor ? decodeAfter(query.cursor) : undefined,
    });
    const last = items[items.length - 1];
    const nextCursor = items.length === limit ? encodeCursor([last.occurredAt, last.transactionId]) : null;
    return { items, nextCursor };
  }
}

/** Keyset position (occurredAt, transactionId) of the last item of the previous page. */
const POSITION = [CursorParts.instant, CursorParts.text()] as const;

function decodeAfter(cursor: string): { occurredAt: string; transactionId: string } {
  const [occurredAt, transactionId] = decodeCursor(cursor, POSITION);
  return { occurredAt, transactionId };
}
