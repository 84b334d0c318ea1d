import {
  ConflictException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { RecordPhoneOutcomeUseCase } from '../../../channels/phone-tasks/use-cases/record-phone-outcome/record-phone-outcome.use-case';
import { emitOutreachEvents } from '../../../outreach/outreach.events';
import { quarterOf } from '../../care-schedule.policy';
import { complaintTicketRequested } from '../../care.events';
import { CareMetrics } from '../../care.metrics';
import { CareRepository, CareVisit } from '../../care.repository';
import { OfferTrainingUseCase } from '../offer-training/offer-training.use-case';
import { RecordVisitOutcomeCommand } from './record-visit-outcome.command';

/**
 * Closes a return-visit call: the phone task is completed through the phone-task use case (the agent
 * must hold its claim; a reached call marks the send delivered, a wrong number fails it); then the care
 * outcome is recorded once — needs, complaint, training — and, in the same transaction, a complaint
 * becomes a ticket request for after-sales (FixFirstRequested through the outbox). A training request
 * becomes a training call. A call that went back to the queue (no answer, retried later) leaves the
 * visit open.
 */
@Injectable()
export class RecordVisitOutcomeUseCase {
  constructor(
    private readonly care: CareRepository,
    private readonly phoneOutcome: RecordPhoneOutcomeUseCase,
    private readonly training: OfferTrainingUseCase,
    private readonly metrics: CareMetrics,
    private readonly clock: Clock,
  ) {}

  async execute(command: RecordVisitOutcomeCommand): Promise<CareVisit> {
    const visit = await this.care.findVisit(command.visitId);
    if (!visit) throw new NotFoundException(`care visit ${command.visitId} not found`);
    if (visit.state === 'done') throw new ConflictException('the outcome of this visit is already recorded');
    if (!visit.phoneTaskId) {
      throw new UnprocessableEntityException('this visit has no phone task (not a call, or not created yet)');
    }
    if (
      command.outcome !== 'reached' &&
      (command.complaint || command.needs.length > 0 || command.trainingRequested)
    ) {
      throw new UnprocessableEntityException(
        'needs, complaints and training requests need a reached merchant',
      );
    }
    const task = await this.phoneOutcome.execute({
      taskId: visit.phoneTaskId,
      agent: command.agent,
      outcome: command.outcome,
      note: command.note,
    });
    this.metrics.outcomes.inc({ outcome: command.outcome });
    // The phone side may requeue an unanswered call: the visit stays open until the call is done.
    if (task.state !== 'done') return (await this.care.findVisit(visit.id))!;
    const now = this.clock.now();
    await this.care.transaction(async (manager) => {
      const recorded = await this.care.completeVisit(
        manager,
        visit.id,
        {
          outcome: command.outcome,
          needs: command.needs,
          complaintCategory: command.complaint?.category ?? null,
          complaintSummary: command.complaint?.summary ?? null,
          trainingRequested: command.trainingRequested,
          note: command.note ?? null,
          agent: command.agent,
        },
        now,
      );
      if (recorded && command.complaint) {
        await emitOutreachEvents(manager, [complaintTicketRequested(visit, command.complaint, now)]);
        this.metrics.outcomes.inc({ outcome: 'complaint' });
      }
    });
    if (command.trainingRequested) {
      await this.training.offer({
        merchantId: visit.merchantId,
        cycleKey: `requested:${quarterOf(now.toISOString().slice(0, 10))}`,
        reason: 'requested_on_visit',
      });
      this.metrics.outcomes.inc({ outcome: 'training_requested' });
    }
    return (await this.care.findVisit(visit.id))!;
  }
}
