import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { TransactionRunner } from '@merchant-pulse/database';
import { ApiStandardErrors, Public, RequireScopes } from '@merchant-pulse/http';
import { NotFoundError } from '../shared/ticket.errors';
import {
  AnswerSurveyDto,
  SatisfactionQuery,
  SatisfactionRowView,
  SurveyAnswerView,
  SurveyLinkView,
} from './dto/survey.dto';
import { SurveyTokenSigner } from './survey-token';
import { SurveyRepository } from './survey.repository';
import { AnswerSurveyUseCase } from './use-cases/answer-survey/answer-survey.use-case';

/** CSAT surveys: the merchant's single-use answer link, and satisfaction reports for ops. */
@ApiTags('surveys')
@Controller('v1/surveys')
export class SurveysController {
  constructor(
    private readonly answerSurvey: AnswerSurveyUseCase,
    private readonly surveys: SurveyRepository,
    private readonly signer: SurveyTokenSigner,
    private readonly tx: TransactionRunner,
  ) {}

  @Get('by-ticket/:ticketId')
  @ApiStandardErrors()
  @ApiBearerAuth('api-key')
  @RequireScopes('tickets:admin')
  @ApiOperation({ summary: "A ticket's survey and its signed link (to resend it through another channel)" })
  @ApiOkResponse({ type: SurveyLinkView })
  @ApiNotFoundResponse({ description: 'The ticket has no survey (not resolved yet)' })
  async linkOf(@Param('ticketId') ticketId: string): Promise<SurveyLinkView> {
    const survey = /^[0-9a-f-]{36}$/i.test(ticketId)
      ? await this.surveys.findByTicket(this.tx.manager, ticketId)
      : null;
    if (!survey) throw new NotFoundError('survey of ticket', ticketId);
    return {
      surveyId: survey.id,
      surveyPath: `/v1/surveys/${this.signer.sign(survey.id, survey.expiresAt)}`,
      expiresAt: survey.expiresAt.toISOString(),
      answeredAt: survey.answeredAt?.toISOString() ?? null,
      score: survey.score,
    };
  }

  @Get('satisfaction')
  @ApiStandardErrors()
  @ApiBearerAuth('api-key')
  @RequireScopes('tickets:read')
  @ApiOperation({ summary: 'Satisfaction (answers, mean score, share 4–5) per category, team or agent' })
  @ApiOkResponse({ type: [SatisfactionRowView] })
  async satisfaction(@Query() query: SatisfactionQuery): Promise<SatisfactionRowView[]> {
    return this.surveys.satisfaction(this.tx.manager, query.by ?? 'category');
  }

  @Post(':token')
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: "Record the merchant's answer (the signed link works once; no API key)" })
  @ApiOkResponse({ type: SurveyAnswerView })
  @ApiNotFoundResponse({ description: 'Unknown or forged link' })
  @ApiConflictResponse({ description: 'Already answered' })
  @ApiUnprocessableEntityResponse({ description: 'Link expired' })
  async answer(@Param('token') token: string, @Body() body: AnswerSurveyDto): Promise<SurveyAnswerView> {
    const result = await this.answerSurvey.execute({ token, score: body.score, comment: body.comment });
    return { ...result, answeredAt: result.answeredAt.toISOString() };
  }
}
