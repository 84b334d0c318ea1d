import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { API_KEY_SECURITY_SCHEME, ApiStandardErrors, RequireScopes } from '@merchant-pulse/http';
import { ReconciliationQuery } from './dto/reconciliation.query';
import { IngestLedgerRepository } from './ingest-ledger.repository';
import { Reconciliation, summariseLedger } from './reconciliation';

/** Exact ingestion accounting for reconciling against an acquirer's settlement file. */
@ApiTags('reconciliation')
@ApiBearerAuth(API_KEY_SECURITY_SCHEME)
@ApiStandardErrors()
@Controller('v1/reconciliation')
export class ReconciliationController {
  constructor(private readonly ledger: IngestLedgerRepository) {}

  @Get()
  @RequireScopes('reconciliation:read')
  @ApiOperation({
    summary:
      'received = accepted + duplicate + rejected + parked for one acquirer and date, rejects by reason, and the ' +
      're-driven dead letters (moved out of rejected, not received twice)',
  })
  @ApiOkResponse({
    schema: {
      example: {
        acquirerId: 'acq-1',
        date: '2026-03-01',
        received: 1010,
        accepted: { count: 1000, amountMinor: 1280000, feeMinor: 6400, byKind: {} },
        duplicate: 5,
        rejected: { count: 5, amountMinor: 0, byReason: { schema_violation: 5 } },
        parked: 0,
        redriven: { count: 1, byReason: { unknown_merchant: 1 }, byOutcome: { accepted: 1 } },
        balanced: true,
      },
    },
  })
  async get(@Query() query: ReconciliationQuery): Promise<Reconciliation> {
    return summariseLedger(
      query.acquirerId,
      query.date,
      await this.ledger.linesFor(query.acquirerId, query.date),
    );
  }
}
