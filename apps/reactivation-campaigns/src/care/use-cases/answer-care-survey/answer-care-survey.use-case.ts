import {
  ConflictException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { needsFollowUp } from '../../care-schedule.policy';
import { CareSurveyTokenSigner } from '../../care-survey-token';
import { CareMetrics } from '../../care.metrics';
import { CareRepository, CareSurvey } from '../../care.repository';
import { ScheduleReturnVisitsUseCase } from '../schedule-return-visits/schedule-return-visits.use-case';

/** The merchant's answer, with the link's token. */
export interface AnswerCareSurveyCommand {
  token: string;
  score: number;
  nps?: number;
  comment?: string;
}

/**
 * Records a satisfaction answer once: a forged or unknown token is 404 (nothing tells a guesser what
 * exists), an expired one 422, a second answer 409. A score of 2 or less opens a follow-up call
 * (a `survey_follow_up` visit, one per survey) with the score and comment in its script.
 */
@Injectable()
export class AnswerCareSurveyUseCase {
  constructor(
    private readonly care: CareRepository,
    private readonly signer: CareSurveyTokenSigner,
    private readonly visits: ScheduleReturnVisitsUseCase,
    private readonly metrics: CareMetrics,
    private readonly clock: Clock,
  ) {}

  async execute(command: AnswerCareSurveyCommand): Promise<CareSurvey> {
    const verified = this.signer.verify(command.token);
    if (!verified) throw new NotFoundException('no survey for this link');
    const now = this.clock.now();
    if (verified.expiresAt.getTime() <= now.getTime()) {
      throw new UnprocessableEntityException(`this survey closed at ${verified.expiresAt.toISOString()}`);
    }
    const answered = await this.care.transaction(async (manager) => {
      const survey = await this.care.answerSurvey(
        manager,
        verified.surveyId,
        { score: command.score, nps: command.nps ?? null, comment: command.comment ?? null },
        now,
      );
      if (survey) return survey;
      if (!(await this.care.findSurvey(verified.surveyId, manager))) {
        throw new NotFoundException('no survey for this link');
      }
      throw new ConflictException('this survey has already been answered');
    });
    this.metrics.surveys.inc({ event: 'answered' });
    this.metrics.scores.inc({ score: String(command.score) });
    if (!needsFollowUp(command.score)) return answered;
    const visit = await this.visits.create(
      answered.merchantId,
      { kind: 'survey_follow_up', cycleKey: answered.id, channel: 'phone_task', fallbackChannels: [] },
      now,
      { score: command.score, comment: command.comment ?? '无留言' },
    );
    if (visit) {
      await this.care.transaction((manager) => this.care.setFollowUp(manager, answered.id, visit.id));
      this.metrics.surveys.inc({ event: 'followed_up' });
    }
    return (await this.care.findSurvey(answered.id))!;
  }
}
