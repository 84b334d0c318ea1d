import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { emitOutreachEvents, outreachFailed } from '../../../../outreach/outreach.events';
import { SendRecordRepository } from '../../../../outreach/send-record.repository';
import { AcceptOfferUseCase } from '../../../../offers/use-cases/accept-offer/accept-offer.use-case';
import { MerchantRegistryClient } from '../../../../registry/merchant-registry.client';
import { PhoneOutcome, PhoneTask, PhoneTaskRepository } from '../../phone-task.repository';
import { HandleNoAnswerUseCase } from '../handle-no-answer/handle-no-answer.use-case';

/** An agent's outcome of a claimed call. */
export interface RecordPhoneOutcomeCommand {
  taskId: string;
  agent: string;
  outcome: PhoneOutcome;
  note?: string;
}

/** Outcomes that mean the merchant was reached: the phone task counts as delivered. */
const REACHED: readonly PhoneOutcome[] = ['reached', 'accepted_offer', 'declined', 'do_not_contact'];

/**
 * Closes a claimed call: reached outcomes mark the send delivered; a wrong number fails it
 * (invalid_contact); an accepted offer is applied (registry promotion); "do not contact" withdraws the
 * merchant's marketing consent on every channel through the registry's ledger.
 */
@Injectable()
export class RecordPhoneOutcomeUseCase {
  constructor(
    private readonly tasks: PhoneTaskRepository,
    private readonly records: SendRecordRepository,
    private readonly registry: MerchantRegistryClient,
    private readonly acceptOffer: AcceptOfferUseCase,
    private readonly clock: Clock,
    private readonly noAnswer: HandleNoAnswerUseCase,
  ) {}

  async execute(command: RecordPhoneOutcomeCommand): Promise<PhoneTask> {
    const task = await this.tasks.findById(command.taskId);
    if (!task) throw new NotFoundException(`phone task ${command.taskId} not found`);
    const now = this.clock.now();
    if (command.outcome === 'no_answer') {
      const requeued = await this.noAnswer.requeue(task, command.agent, command.note ?? null, now);
      if (requeued) return requeued;
    }
    if (!(await this.tasks.complete(task.id, command.agent, command.outcome, command.note ?? null, now))) {
      throw new ConflictException('the task is not claimed by you (claim it first)');
    }
    const record = await this.records.findById(task.sendId);
    if (record && REACHED.includes(command.outcome)) {
      await this.records.transition(record.id, ['sent'], 'delivered', {}, now);
    }
    if (record && command.outcome === 'wrong_number') {
      await this.records.transaction(async (manager) => {
        const moved = await this.records.transition(
          record.id,
          ['sent'],
          'failed',
          { failureReason: 'invalid_contact', detail: 'wrong number' },
          now,
          manager,
        );
        if (moved)
          await emitOutreachEvents(manager, [
            outreachFailed(record, 'phone_task', 'invalid_contact', false, 'wrong number', now),
          ]);
      });
    }
    if (record && command.outcome === 'no_answer') await this.noAnswer.closeUnreachable(record, task, now);
    if (command.outcome === 'accepted_offer' && task.offer && record) {
      await this.acceptOffer.execute({
        campaignId: task.campaignId,
        merchantId: task.merchantId,
        stepIndex: record.stepIndex,
        offer: task.offer,
        source: 'phone',
      });
    }
    if (command.outcome === 'do_not_contact') {
      for (const channel of ['phone', 'sms', 'email'] as const) {
        await this.registry.withdrawConsent(
          task.merchantId,
          channel,
          'marketing',
          'phone_task_do_not_contact',
        );
      }
    }
    return (await this.tasks.findById(task.id))!;
  }
}
