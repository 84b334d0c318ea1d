import { Body, Controller, Get, HttpCode, Param, Post, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiConflict, ApiNotFound, ApiStandardErrors, RequireScopes } from '@merchant-pulse/http';
import { DomainErrorFilter } from '../shared/domain-error.filter';
import { NotFoundError } from '../shared/domain.errors';
import { TransactionRunner } from '../shared/transaction.runner';
import { AssignTerminalDto, CreateTerminalDto, TerminalStatusDto, TerminalView } from './dto/terminal.dto';
import { TerminalRecord, TerminalRepository } from './terminal.repository';
import { ChangeTerminalStatusUseCase } from './use-cases/change-terminal-status/change-terminal-status.use-case';
import { RegisterTerminalUseCase } from './use-cases/register-terminal/register-terminal.use-case';

function view(t: TerminalRecord): TerminalView {
  const { createdAt: _c, updatedAt: _u, ...rest } = t;
  return rest;
}

/** POS terminals: inventory → assigned → active → faulty → retired, history kept forever. */
@ApiTags('terminals')
@ApiBearerAuth('api-key')
@UseFilters(DomainErrorFilter)
@ApiStandardErrors()
@Controller('v1/terminals')
export class TerminalsController {
  constructor(
    private readonly registerTerminal: RegisterTerminalUseCase,
    private readonly changeStatus: ChangeTerminalStatusUseCase,
    private readonly terminals: TerminalRepository,
    private readonly tx: TransactionRunner,
  ) {}

  @Post()
  @RequireScopes('merchants:write')
  @ApiOperation({ summary: 'Receive a terminal into inventory' })
  @ApiCreatedResponse({ type: TerminalView })
  async create(@Body() body: CreateTerminalDto): Promise<TerminalView> {
    return view(await this.registerTerminal.execute(body));
  }

  @Post(':id/assign')
  @ApiNotFound()
  @HttpCode(200)
  @RequireScopes('merchants:write')
  @ApiOperation({ summary: 'Assign to a merchant and address (emits TerminalAssigned)' })
  @ApiOkResponse({ type: TerminalView })
  @ApiConflict('{ currentStatus, allowedNext }')
  async assign(@Param('id') id: string, @Body() body: AssignTerminalDto): Promise<TerminalView> {
    return view(await this.changeStatus.execute({ terminalId: id, to: 'assigned', ...body }));
  }

  @Post(':id/activate')
  @ApiNotFound()
  @HttpCode(200)
  @RequireScopes('merchants:write')
  @ApiOperation({ summary: 'Activate an assigned terminal (emits TerminalStatusChanged)' })
  @ApiOkResponse({ type: TerminalView })
  async activate(@Param('id') id: string): Promise<TerminalView> {
    return view(await this.changeStatus.execute({ terminalId: id, to: 'active' }));
  }

  @Post(':id/status')
  @ApiNotFound()
  @HttpCode(200)
  @RequireScopes('merchants:write')
  @ApiOperation({ summary: 'Report faulty, repair (active), return to inventory, or retire' })
  @ApiOkResponse({ type: TerminalView })
  async status(@Param('id') id: string, @Body() body: TerminalStatusDto): Promise<TerminalView> {
    return view(await this.changeStatus.execute({ terminalId: id, to: body.to, reason: body.reason }));
  }

  @Get(':id')
  @ApiNotFound()
  @RequireScopes('merchants:read')
  @ApiOperation({ summary: 'A terminal with its full history' })
  @ApiOkResponse({ type: TerminalView })
  async get(@Param('id') id: string): Promise<TerminalView> {
    const terminal = await this.terminals.findById(this.tx.manager, id);
    if (!terminal) throw new NotFoundError('terminal', id);
    return { ...view(terminal), history: await this.terminals.historyOf(this.tx.manager, id) };
  }
}
