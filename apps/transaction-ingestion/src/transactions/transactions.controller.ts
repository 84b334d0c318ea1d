import { BadRequestException, Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Clock } from '@merchant-pulse/clock';
import { RequireScopes } from '@merchant-pulse/http';
import { ListTransactionsQuery } from './dto/list-transactions.query';
import { TransactionRecord, TransactionRepository } from './transaction.repository';

/** Read side: a merchant's ingested transactions, newest first, with keyset cursors. */
@ApiTags('transactions')
@ApiBearerAuth()
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
      after: decodeCursor(query.cursor),
    });
    const last = items[items.length - 1];
    const nextCursor =
      items.length === limit
        ? Buffer.from(JSON.stringify([last.occurredAt, last.transactionId])).toString('base64url')
        : null;
    return { items, nextCursor };
  }
}

function decodeCursor(cursor: string | undefined): { occurredAt: string; transactionId: string } | undefined {
  if (!cursor) return undefined;
  try {
    const [occurredAt, transactionId] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [
      string,
      string,
    ];
    if (typeof occurredAt !== 'string' || typeof transactionId !== 'string') throw new Error('bad cursor');
    return { occurredAt, transactionId };
  } catch {
    throw new BadRequestException('cursor is not a cursor returned by this endpoint');
  }
}
