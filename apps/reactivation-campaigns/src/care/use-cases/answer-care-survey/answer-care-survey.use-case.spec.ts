import { ConflictException, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { FakeClock } from '@merchant-pulse/clock';
import { CareSurveyTokenSigner } from '../../care-survey-token';
import type { CareMetrics } from '../../care.metrics';
import type { CareRepository, CareSurvey } from '../../care.repository';
import type { ScheduleReturnVisitsUseCase } from '../schedule-return-visits/schedule-return-visits.use-case';
import { AnswerCareSurveyUseCase } from './answer-care-survey.use-case';

const ID = '0190f0a1-7b2c-7d3e-8f40-123456789abc';
const counter = { inc: () => undefined };

/** An in-memory survey table behind the repository methods the use case calls. */
function fakeCare(survey: CareSurvey | null) {
  const rows = new Map(survey ? [[survey.id, { ...survey }]] : []);
  return {
    rows,
    transaction: <T>(work: (m: unknown) => Promise<T>) => work({}),
    findSurvey: async (id: string) => rows.get(id) ?? null,
    answerSurvey: async (
      _m: unknown,
      id: string,
      a: { score: number; nps: number | null; comment: string | null },
      at: Date,
    ) => {
      const row = rows.get(id);
      if (!row || row.answeredAt) return null;
      Object.assign(row, { ...a, answeredAt: at });
      return { ...row };
    },
    setFollowUp: async (_m: unknown, id: string, visitId: string) => {
      rows.get(id)!.followUpVisitId = visitId;
    },
  };
}

describe(AnswerCareSurveyUseCase.name, () => {
  const clock = new FakeClock('2026-04-02T02:00:00.000Z');
  const signer = new CareSurveyTokenSigner('unit-test-secret-0123456789');
  const survey: CareSurvey = {
    id: ID,
    merchantId: 'M-1',
    quarter: '2026-Q2',
    sendId: ID,
    membershipTier: 'standard',
    region: 'east',
    category: 'retail',
    createdAt: new Date('2026-04-01T00:00:00Z'),
    expiresAt: new Date('2026-04-15T00:00:00Z'),
    answeredAt: null,
    score: null,
    nps: null,
    comment: null,
    followUpVisitId: null,
  };
  const setup = (row: CareSurvey | null = survey) => {
    const care = fakeCare(row);
    const created: unknown[] = [];
    const visits = {
      create: async (merchantId: string, plan: object, _now: Date, variables: object) => {
        created.push({ merchantId, plan, variables });
        return { id: 'visit-1' };
      },
    };
    const useCase = new AnswerCareSurveyUseCase(
      care as unknown as CareRepository,
      signer,
      visits as unknown as ScheduleReturnVisitsUseCase,
      { surveys: counter, scores: counter } as unknown as CareMetrics,
      clock,
    );
    return { care, created, useCase, token: signer.sign(ID, survey.expiresAt) };
  };

  it('should record a good answer once, without a follow-up, and refuse the second use with 409', async () => {
    const { useCase, token, created } = setup();
    const answered = await useCase.execute({ token, score: 4, nps: 9 });
    expect(answered).toMatchObject({ score: 4, nps: 9, comment: null, followUpVisitId: null });
    expect(created).toHaveLength(0);
    await expect(useCase.execute({ token, score: 5 })).rejects.toBeInstanceOf(ConflictException);
  });

  it('should open one follow-up call with the score and comment when the score is 2 or less', async () => {
    const { useCase, token, created } = setup();
    const answered = await useCase.execute({ token, score: 1, comment: '到账太慢' });
    expect(answered.followUpVisitId).toBe('visit-1');
    expect(created).toEqual([
      {
        merchantId: 'M-1',
        plan: { kind: 'survey_follow_up', cycleKey: ID, channel: 'phone_task', fallbackChannels: [] },
        variables: { score: 1, comment: '到账太慢' },
      },
    ]);
  });

  it('should answer 404 for a forged or unknown link and 422 for an expired one', async () => {
    const { useCase, token } = setup();
    await expect(
      useCase.execute({ token: `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, score: 3 }),
    ).rejects.toBeInstanceOf(NotFoundException);
    const unknown = setup(null);
    await expect(unknown.useCase.execute({ token: unknown.token, score: 3 })).rejects.toBeInstanceOf(
      NotFoundException,
    );
    const expired = signer.sign(ID, new Date('2026-04-01T00:00:00Z'));
    await expect(useCase.execute({ token: expired, score: 3 })).rejects.toBeInstanceOf(
      UnprocessableEntityException,
    );
  });
});
