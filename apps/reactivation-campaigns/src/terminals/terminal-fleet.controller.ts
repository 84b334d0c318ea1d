import {
  BadRequestException,
  Controller,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Clock } from '@merchant-pulse/clock';
import { ApiStandardErrors, RequireScopes } from '@merchant-pulse/http';
import { LOYALTY_SETTINGS, LoyaltySettings, localDate } from '../loyalty/loyalty.settings';
import { FleetRepository } from './fleet.repository';
import { utilisationOf } from './idle-terminal.policy';
import { RecoveryRepository } from './recovery.repository';
import { ScanIdleTerminalsUseCase } from './use-cases/scan-idle-terminals/scan-idle-terminals.use-case';

const STATES = ['contact_merchant', 'recalled', 'resolved'];

/** Idle POS terminals: utilisation KPI and the recovery workflow (contact → recall to inventory). */
@ApiTags('terminal-fleet')
@ApiBearerAuth('api-key')
@ApiStandardErrors()
@Controller('v1/terminal-fleet')
export class TerminalFleetController {
  constructor(
    private readonly fleet: FleetRepository,
    private readonly recoveries: RecoveryRepository,
    private readonly scan: ScanIdleTerminalsUseCase,
    private readonly clock: Clock,
    @Inject(LOYALTY_SETTINGS) private readonly settings: LoyaltySettings,
  ) {}

  @Get('utilisation')
  @RequireScopes('terminals:read')
  @ApiOperation({
    summary: 'Share of assigned terminals that transacted in the last 30 days; recoveries by state',
  })
  async utilisation(): Promise<object> {
    const today = localDate(this.clock.now(), this.settings.timezone);
    const kpi = utilisationOf(await this.fleet.assignedTerminals(this.settings.timezone), today);
    return { asOfDate: today, ...kpi, recoveries: await this.fleet.countRecoveriesByState() };
  }

  @Get('recoveries')
  @RequireScopes('terminals:read')
  @ApiQuery({ name: 'state', required: false, enum: STATES })
  async list(@Query('state') state?: string): Promise<object> {
    if (state !== undefined && !STATES.includes(state))
      throw new BadRequestException({ message: [`state must be one of ${STATES.join(', ')}`] });
    return { recoveries: await this.recoveries.list(state ?? null, 200) };
  }

  @Post('scans')
  @HttpCode(200)
  @RequireScopes('terminals:write')
  @ApiOperation({ summary: 'Run the idle-terminal scan now (the job runs it every LOYALTY_JOBS_EVERY_MS)' })
  runScan(): Promise<object> {
    return this.scan.execute();
  }

  @Post('recoveries/:id/recall')
  @HttpCode(200)
  @RequireScopes('terminals:write')
  @ApiOperation({
    summary:
      'Recall the terminal now (after the merchant was contacted), without waiting for the grace period',
  })
  async recallNow(@Param('id') id: string): Promise<object> {
    const recovery = await this.recoveries.find(id);
    if (!recovery) throw new NotFoundException({ message: `no recovery ${id}` });
    if (recovery.state === 'contact_merchant') await this.scan.recall(recovery);
    return (await this.recoveries.find(id))!;
  }
}
