import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Clock } from '@merchant-pulse/clock';
import { ApiKeyPrincipal, CurrentApiKey, RequireScopes, ApiStandardErrors } from '@merchant-pulse/http';
import { PhoneQueueQuery, RecordPhoneOutcomeDto } from './dto/phone-task.dto';
import { PhoneTask, PhoneTaskRepository } from './phone-task.repository';
import {
  ClaimPhoneTaskUseCase,
  PhoneTaskDetail,
} from './use-cases/claim-phone-task/claim-phone-task.use-case';
import { RecordPhoneOutcomeUseCase } from './use-cases/record-phone-outcome/record-phone-outcome.use-case';

/** The activation team's call queue. The agent is the API key's principal (the ops console's user key). */
@ApiTags('phone-tasks')
@ApiBearerAuth('api-key')
@ApiStandardErrors()
@Controller('v1/phone-tasks')
export class PhoneTasksController {
  constructor(
    private readonly tasks: PhoneTaskRepository,
    private readonly claims: ClaimPhoneTaskUseCase,
    private readonly outcomes: RecordPhoneOutcomeUseCase,
    private readonly clock: Clock,
  ) {}

  @Get()
  @RequireScopes('phone-tasks:work')
  @ApiOperation({
    summary: 'My queue: my live claims first, then open tasks (and lapsed claims), oldest first',
  })
  async queue(
    @Query() query: PhoneQueueQuery,
    @CurrentApiKey() key: ApiKeyPrincipal,
  ): Promise<{ items: PhoneTask[] }> {
    return { items: await this.tasks.queueFor(key.id, this.clock.now(), query.limit ?? 20) };
  }

  @Get(':id')
  @RequireScopes('phone-tasks:work')
  @ApiOperation({
    summary: 'A task with its script, offer and merchant context (reasons, risk, activity, tickets)',
  })
  detail(@Param('id', ParseUUIDPipe) id: string): Promise<PhoneTaskDetail> {
    return this.claims.detail(id);
  }

  @Post(':id/claim')
  @HttpCode(200)
  @RequireScopes('phone-tasks:work')
  @ApiOperation({ summary: 'Claim a task for PHONE_TASK_CLAIM_MINUTES; answers the number to dial' })
  claim(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentApiKey() key: ApiKeyPrincipal,
  ): Promise<PhoneTaskDetail> {
    return this.claims.claim(id, key.id);
  }

  @Post(':id/release')
  @HttpCode(204)
  @RequireScopes('phone-tasks:work')
  @ApiOperation({ summary: 'Give a claimed task back to the queue' })
  release(@Param('id', ParseUUIDPipe) id: string, @CurrentApiKey() key: ApiKeyPrincipal): Promise<void> {
    return this.claims.release(id, key.id);
  }

  @Post(':id/outcome')
  @HttpCode(200)
  @RequireScopes('phone-tasks:work')
  @ApiOperation({
    summary: 'Record the call outcome (accepted_offer applies the offer; do_not_contact withdraws consent)',
  })
  outcome(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RecordPhoneOutcomeDto,
    @CurrentApiKey() key: ApiKeyPrincipal,
  ): Promise<PhoneTask> {
    return this.outcomes.execute({ taskId: id, agent: key.id, outcome: body.outcome, note: body.note });
  }
}
