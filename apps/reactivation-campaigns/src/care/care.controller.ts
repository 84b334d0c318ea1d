import {
  Body,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  AccountableActor,
  ApiKeyPrincipal,
  ApiStandardErrors,
  CurrentApiKey,
  Public,
  RequireScopes,
} from '@merchant-pulse/http';
import { MerchantContext, MerchantContextReader } from '../merchants/merchant-context';
import { CareJobs } from './care.jobs';
import { CareRepository, CareVisit, SatisfactionRow } from './care.repository';
import {
  AnswerCareSurveyDto,
  CareRunDto,
  OpenCareVisitDto,
  RecordVisitOutcomeDto,
  SurveyResultsQuery,
  VisitListQuery,
} from './dto/care.dto';
import { SendQuarterlySurveysUseCase } from './use-cases/send-quarterly-surveys/send-quarterly-surveys.use-case';
import { AnswerCareSurveyUseCase } from './use-cases/answer-care-survey/answer-care-survey.use-case';
import { OpenCareVisitUseCase } from './use-cases/open-care-visit/open-care-visit.use-case';
import { RecordVisitOutcomeUseCase } from './use-cases/record-visit-outcome/record-visit-outcome.use-case';

/** The care programme: return visits (回访), quarterly satisfaction surveys, training offers. */
@ApiTags('care')
@ApiStandardErrors()
@Controller('v1/care')
export class CareController {
  constructor(
    private readonly care: CareRepository,
    private readonly contexts: MerchantContextReader,
    private readonly recordOutcome: RecordVisitOutcomeUseCase,
    private readonly answerSurvey: AnswerCareSurveyUseCase,
    private readonly jobs: CareJobs,
    private readonly surveys: SendQuarterlySurveysUseCase,
    private readonly openVisit: OpenCareVisitUseCase,
  ) {}

  @Get('visits')
  @ApiBearerAuth('api-key')
  @RequireScopes('care:read')
  @ApiOperation({ summary: 'Return visits, newest first (of one merchant or kind)' })
  async visits(@Query() query: VisitListQuery): Promise<{ items: CareVisit[] }> {
    return { items: await this.care.listVisits({ ...query, limit: query.limit ?? 50 }) };
  }

  @Post('visits')
  @HttpCode(201)
  @ApiBearerAuth('api-key')
  @RequireScopes('care-visits:open')
  @ApiOperation({
    summary:
      'Open a return visit (a phone task with the visit script) for one merchant now. One open visit per merchant: ' +
      'while one is planned, queued or its call is open or claimed, 409 with its `visitId`',
  })
  @ApiCreatedResponse({ description: 'The visit, handed to outreach (its phone task follows shortly)' })
  @ApiNotFoundResponse({ description: 'Merchant unknown to campaigns' })
  @ApiConflictResponse({ description: 'The merchant already has an open visit (body `visitId`)' })
  open(@Body() body: OpenCareVisitDto, @AccountableActor() actor: string): Promise<CareVisit> {
    return this.openVisit.execute({ ...body, requestedBy: actor });
  }

  @Get('visits/:id')
  @ApiBearerAuth('api-key')
  @RequireScopes('care:read')
  @ApiOperation({ summary: 'A visit with its state, outcome and the merchant context for the call' })
  @ApiNotFoundResponse({ description: 'Unknown visit' })
  async visit(
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<CareVisit & { context: MerchantContext | null }> {
    const visit = await this.care.findVisit(id);
    if (!visit) throw new NotFoundException(`care visit ${id} not found`);
    return { ...visit, context: await this.contexts.read(visit.merchantId) };
  }

  @Post('visits/:id/outcome')
  @HttpCode(200)
  @ApiBearerAuth('api-key')
  @RequireScopes('phone-tasks:work')
  @ApiOperation({
    summary:
      'Record a visit call (claim its phone task first): needs, a complaint (opens an after-sales ticket), training requested',
  })
  @ApiConflictResponse({ description: 'Already recorded, or the phone task is not claimed by you' })
  @ApiUnprocessableEntityResponse({ description: 'Not a call, or details without reaching the merchant' })
  outcome(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RecordVisitOutcomeDto,
    @CurrentApiKey() key: ApiKeyPrincipal,
  ): Promise<CareVisit> {
    return this.recordOutcome.execute({
      visitId: id,
      agent: key.id,
      outcome: body.outcome,
      needs: body.needs ?? [],
      complaint: body.complaint,
      trainingRequested: body.trainingRequested ?? false,
      note: body.note,
    });
  }

  @Get('surveys/results')
  @ApiBearerAuth('api-key')
  @RequireScopes('care:read')
  @ApiOperation({
    summary: 'Satisfaction per membership tier, region or category: answers, mean score, NPS, low scores',
  })
  async results(@Query() query: SurveyResultsQuery): Promise<{ by: string; rows: SatisfactionRow[] }> {
    const by = query.by ?? 'tier';
    return { by, rows: await this.care.satisfaction(by, query.quarter ?? null) };
  }

  @Get('surveys/by-merchant/:merchantId')
  @ApiBearerAuth('api-key')
  @RequireScopes('care:write')
  @ApiOperation({
    summary: "A merchant's surveys with their signed links (to resend one through another channel)",
  })
  async surveysOf(@Param('merchantId') merchantId: string): Promise<{ items: object[] }> {
    const surveys = await this.care.surveysOf(merchantId.slice(0, 64));
    return {
      items: surveys.map((s) => ({
        surveyId: s.id,
        quarter: s.quarter,
        surveyUrl: this.surveys.linkOf(s),
        expiresAt: s.expiresAt.toISOString(),
        answeredAt: s.answeredAt?.toISOString() ?? null,
        score: s.score,
        followUpVisitId: s.followUpVisitId,
      })),
    };
  }

  @Post('surveys/:token')
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: "The merchant's answer (the signed link works once; no API key)" })
  @ApiNotFoundResponse({ description: 'Unknown or forged link' })
  @ApiConflictResponse({ description: 'Already answered' })
  @ApiUnprocessableEntityResponse({ description: 'Link expired' })
  async answer(
    @Param('token') token: string,
    @Body() body: AnswerCareSurveyDto,
  ): Promise<{ surveyId: string; answeredAt: string; followUp: boolean }> {
    const survey = await this.answerSurvey.execute({ token, ...body });
    return {
      surveyId: survey.id,
      answeredAt: survey.answeredAt!.toISOString(),
      followUp: survey.followUpVisitId !== null,
    };
  }

  @Get('summary')
  @ApiBearerAuth('api-key')
  @RequireScopes('care:read')
  @ApiOperation({
    summary: 'Programme totals: visits planned/done per kind, surveys sent/answered/average, training offers',
  })
  summary(): Promise<object> {
    return this.care.summary();
  }

  @Post('runs')
  @HttpCode(200)
  @ApiBearerAuth('api-key')
  @RequireScopes('care:write')
  @ApiOperation({
    summary: 'Run the scheduler now (it runs every CARE_JOBS_EVERY_MS): visits, surveys, training',
  })
  run(@Body() body: CareRunDto): Promise<object> {
    return this.jobs.run(body.parts ?? ['visits', 'surveys', 'training']);
  }
}
