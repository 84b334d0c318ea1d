// Property-based fuzzing of every REST body and query DTO of the services through the project's
// validation pipe: hostile values in every declared field end in the DTO or a 400 with field
// messages — never a throw — and whatever a field accepts can be stored by Postgres.
import { BadRequestException } from '@nestjs/common';
import { IS_DATE_STRING, IS_ISO8601, MATCHES, getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import fc from 'fast-check';
import {
  IS_CONTRACT_YEAR,
  IS_DATE_OR_INSTANT,
  isCalendarDay,
  isStorableText,
} from '@merchant-pulse/contracts';
import { createValidationPipe } from '@merchant-pulse/http';
import {
  ChangeFieldVisitDto,
  RequestFieldVisitDto,
} from '../../apps/after-sales-tickets/src/field-visits/dto/field-visit.dto';
import {
  AgentAvailabilityDto,
  AgentDto,
  TeamDto,
} from '../../apps/after-sales-tickets/src/routing/dto/routing.dto';
import {
  CalendarDto,
  HolidayScheduleDto,
  PolicyDto,
  RuleDto,
  SlaReportQueryDto,
  TeamCalendarDto,
} from '../../apps/after-sales-tickets/src/sla/dto/sla-config.dto';
import {
  AnswerSurveyDto,
  SatisfactionQuery,
} from '../../apps/after-sales-tickets/src/surveys/dto/survey.dto';
import {
  AssignmentDto,
  ChangeTicketStatusDto,
  LinkTicketDto,
  ListTicketsQuery,
  MergeTicketDto,
  OpenTicketDto,
  TicketMessageDto,
  UpdateTicketDto,
} from '../../apps/after-sales-tickets/src/tickets/dto/ticket.dto';
import {
  CreateCampaignDto,
  LaunchCampaignDto,
  ListCampaignsQueryDto,
  PreviewQueryDto,
  UpdateCampaignDto,
} from '../../apps/reactivation-campaigns/src/campaigns/dto/campaign.dto';
import {
  PhoneQueueQuery,
  RecordPhoneOutcomeDto,
} from '../../apps/reactivation-campaigns/src/channels/phone-tasks/dto/phone-task.dto';
import {
  AdjustPointsDto,
  DefineRuleDto,
  RedeemPointsDto,
  StatementQuery,
} from '../../apps/reactivation-campaigns/src/loyalty/dto/loyalty.dto';
import {
  AnswerCareSurveyDto,
  CareRunDto,
  RecordVisitOutcomeDto,
  OpenCareVisitDto,
  SurveyResultsQuery,
  VisitListQuery,
} from '../../apps/reactivation-campaigns/src/care/dto/care.dto';
import { RunBacktestDto } from '../../apps/churn-scoring/src/backtests/dto/backtest.dto';
import { ListRisksQueryDto } from '../../apps/churn-scoring/src/risk/dto/risk.dto';
import { RecordConsentDto } from '../../apps/merchant-registry/src/contacts/dto/consent.dto';
import {
  ChangeFeePlanDto,
  GrantPromotionDto,
} from '../../apps/merchant-registry/src/fee-plans/dto/fee-plan.dto';
import { CreateMerchantDto } from '../../apps/merchant-registry/src/merchants/dto/create-merchant.dto';
import { ListMerchantsQuery } from '../../apps/merchant-registry/src/merchants/dto/list-merchants.query';
import {
  ReviewDecisionDto,
  StatusChangeDto,
} from '../../apps/merchant-registry/src/merchants/dto/merchant-commands.dto';
import {
  AssignTerminalDto,
  CreateTerminalDto,
  TerminalStatusDto,
} from '../../apps/merchant-registry/src/terminals/dto/terminal.dto';
import { TimelineQuery } from '../../apps/merchant-registry/src/timeline/timeline.controller';
import { DailyActivityQuery } from '../../apps/transaction-ingestion/src/activity/dto/daily-activity.query';
import { ReconciliationQuery } from '../../apps/transaction-ingestion/src/accounting/dto/reconciliation.query';
import { ListTransactionsQuery } from '../../apps/transaction-ingestion/src/transactions/dto/list-transactions.query';
import { ListDeadLettersQuery } from '../../apps/transaction-ingestion/src/dead-letters/dto/list-dead-letters.query';
import { RedriveDeadLettersDto } from '../../apps/transaction-ingestion/src/dead-letters/dto/redrive-dead-letters.dto';
import { SignInDto } from '../../apps/ops-console/src/sessions/dto/sign-in.dto';
import { SignInAuditQuery } from '../../apps/ops-console/src/audit/audit.controller';
import { FeePlanInForceQuery } from '../../apps/merchant-registry/src/fee-plans/dto/fee-plan.view';
import { SetClockDto } from '@merchant-pulse/platform';

type Dto = new () => object;
const BODIES: Dto[] = [
  CreateMerchantDto,
  ReviewDecisionDto,
  StatusChangeDto,
  RecordConsentDto,
  ChangeFeePlanDto,
  GrantPromotionDto,
  CreateTerminalDto,
  AssignTerminalDto,
  TerminalStatusDto,
  RunBacktestDto,
  // after-sales-tickets
  OpenTicketDto,
  ChangeTicketStatusDto,
  UpdateTicketDto,
  TicketMessageDto,
  LinkTicketDto,
  MergeTicketDto,
  AssignmentDto,
  RequestFieldVisitDto,
  ChangeFieldVisitDto,
  TeamDto,
  AgentDto,
  AgentAvailabilityDto,
  CalendarDto,
  HolidayScheduleDto,
  TeamCalendarDto,
  PolicyDto,
  RuleDto,
  AnswerSurveyDto,
  // reactivation-campaigns
  CreateCampaignDto,
  UpdateCampaignDto,
  LaunchCampaignDto,
  RecordPhoneOutcomeDto,
  AdjustPointsDto,
  RedeemPointsDto,
  DefineRuleDto,
  RecordVisitOutcomeDto,
  OpenCareVisitDto,
  AnswerCareSurveyDto,
  CareRunDto,
  // transaction-ingestion dead letters, ops console
  RedriveDeadLettersDto,
  SignInDto,
  // every service
  SetClockDto,
];
const QUERIES: Dto[] = [
  ListMerchantsQuery,
  TimelineQuery,
  ListRisksQueryDto,
  DailyActivityQuery,
  ListTransactionsQuery,
  ReconciliationQuery,
  ListTicketsQuery,
  SlaReportQueryDto,
  SatisfactionQuery,
  ListCampaignsQueryDto,
  PreviewQueryDto,
  PhoneQueueQuery,
  StatementQuery,
  VisitListQuery,
  SurveyResultsQuery,
  ListDeadLettersQuery,
  SignInAuditQuery,
  FeePlanInForceQuery,
];

const fieldsOf = (dto: Dto) => [
  ...new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(dto, '', true, false)
      .map((m) => m.propertyName),
  ),
];

/** Constraints that make a field a date or an instant: what it accepts goes to date/timestamptz columns. */
const DATE_CONSTRAINTS = new Set([IS_ISO8601, IS_DATE_STRING, IS_DATE_OR_INSTANT, IS_CONTRACT_YEAR]);
const isDateConstraint = (m: ValidationMetadata) =>
  DATE_CONSTRAINTS.has(m.name ?? '') ||
  (m.name === MATCHES && String(m.constraints?.[0]).startsWith('/^\\d{4}-'));

const dateFieldsOf = (dto: Dto) =>
  getMetadataStorage()
    .getTargetValidationMetadatas(dto, '', true, false)
    .filter(isDateConstraint)
    .map((m) => m.propertyName);

const hostileDates = fc.constantFrom(
  '0000-01-01',
  '0000-01-01T00:00:00Z',
  '0001-01-01T00:00:00+08:00',
  '9999-12-31T23:59:59-08:00',
  '+275760-09-13T00:00:00Z',
  '-000001-01-01T00:00:00Z',
  '2026-02-30',
  '2026-03-10T24:00:00Z',
  '2026-03-10',
  '2026-03-10T11:12:00+08:00',
  '2026-W10',
  '2026',
  '2026-060',
);
const hostileLeaf = fc.oneof(
  hostileDates,
  fc.constantFrom(
    '\u0000',
    'a\ud800',
    '',
    '1e400',
    '9007199254740993',
    2 ** 53 + 2,
    1e308,
    -0,
    null,
    true,
    [],
  ),
  fc.constantFrom({ constructor: 1 }, { a: { b: [1] } }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.double(),
  fc.integer(),
);

/** Postgres parses it as a date/timestamptz: a real day, a four-digit UTC year from 0001, no week dates. */
function storableDate(value: unknown): boolean {
  if (typeof value !== 'string') return true;
  const match = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?$/.exec(value);
  if (!match || !isCalendarDay(Number(match[1]), Number(match[2]), Number(match[3]))) return false;
  const year = new Date(Date.parse(match[4] ? value : `${value}T00:00:00Z`)).getUTCFullYear();
  return year >= 1 && year <= 9999;
}

/** The pipe's verdict; a rejection must be a 400 listing fields with messages. */
async function invalidFields(dto: Dto, type: 'body' | 'query', value: unknown): Promise<string[]> {
  try {
    await createValidationPipe().transform(value, { type, metatype: dto });
    return [];
  } catch (error) {
    if (!(error instanceof BadRequestException)) throw error;
    const body = error.getResponse() as { errors?: Array<{ field: unknown; messages: unknown[] }> };
    if (!Array.isArray(body.errors) || body.errors.length === 0)
      throw new Error(`400 without fields: ${JSON.stringify(body)}`);
    for (const e of body.errors)
      if (typeof e.field !== 'string' || e.messages.length === 0) throw new Error('bad field error');
    // The pipe's hostile-input check rejects the whole request before any field is validated.
    if (body.errors.some((e) => /NUL|levels/.test(String(e.messages)))) return ['*'];
    return body.errors.map((e) => e.field as string);
  }
}

function requestOf(dtos: Dto[]) {
  return fc
    .constantFrom(...dtos)
    .chain((dto) =>
      fc.tuple(
        fc.constant(dto),
        fc.dictionary(fc.constantFrom(...fieldsOf(dto), 'extra'), hostileLeaf, { maxKeys: 6 }),
      ),
    );
}

async function checkRequest(
  dto: Dto,
  type: 'body' | 'query',
  value: Record<string, unknown>,
): Promise<boolean> {
  const invalid = await invalidFields(dto, type, value);
  const accepted = (field: string) =>
    field in value && !invalid.some((f) => f === '*' || f === field || f.startsWith(`${field}.`));
  const dates = dateFieldsOf(dto).filter(accepted);
  const texts = Object.keys(value).filter((f) => accepted(f) && typeof value[f] === 'string');
  return dates.every((f) => storableDate(value[f])) && texts.every((f) => isStorableText(value[f] as string));
}

// Hundreds of generated cases per property: seconds on a loaded 2-core machine, not Jest's default 5 s.
jest.setTimeout(30_000);

describe('REST bodies and queries of every service (properties)', () => {
  it('should answer a DTO or a 400 with field messages, and accept only storable values, for any body', async () => {
    await fc.assert(
      fc.asyncProperty(requestOf(BODIES), ([dto, value]) => checkRequest(dto, 'body', value)),
      { numRuns: 400 },
    );
  });

  it('should do the same for any query string', async () => {
    await fc.assert(
      fc.asyncProperty(requestOf(QUERIES), ([dto, value]) => checkRequest(dto, 'query', value)),
      { numRuns: 300 },
    );
  });

  it.each([
    ['ChangeFeePlanDto.effectiveFrom', ChangeFeePlanDto, 'effectiveFrom', '0000-01-01'],
    ['ListMerchantsQuery.createdFrom', ListMerchantsQuery, 'createdFrom', '2026-W10'],
    ['ListTransactionsQuery.to', ListTransactionsQuery, 'to', '2026-02-30'],
    ['DailyActivityQuery.from', DailyActivityQuery, 'from', '0000-01-01'],
    ['ReconciliationQuery.date', ReconciliationQuery, 'date', '2026-02-30'],
    ['RunBacktestDto.asOfDate', RunBacktestDto, 'asOfDate', '9999-12-31'],
  ])('should answer 400 for %s when Postgres could not store the date', async (_label, dto, field, value) => {
    const type = QUERIES.includes(dto) ? 'query' : 'body';

    expect(await invalidFields(dto, type, { [field]: value })).toContain(field);
  });
});
