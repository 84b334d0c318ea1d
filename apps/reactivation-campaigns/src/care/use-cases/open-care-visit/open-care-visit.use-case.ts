import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock } from '@merchant-pulse/clock';
import { PlannedVisit } from '../../care-schedule.policy';
import { CareRepository, CareVisit } from '../../care.repository';
import { ScheduleReturnVisitsUseCase } from '../schedule-return-visits/schedule-return-visits.use-case';
import { OpenCareVisitCommand } from './open-care-visit.command';

/** A return visit opened on demand is always a call: ops asked for a person to phone the merchant. */
const ON_DEMAND: Omit<PlannedVisit, 'cycleKey'> = {
  kind: 'on_demand',
  channel: 'phone_task',
  fallbackChannels: [],
};

/**
 * Opens a return visit for one merchant now, made and handed to outreach exactly as the scheduler makes
 * its visits (a phone task with the visit script, the outreach guards at send time). At most one visit
 * per merchant is open at a time: while one is planned, queued or its call is open or claimed, the
 * request is refused with 409 naming that visit (checked and created under a per-merchant lock).
 */
@Injectable()
export class OpenCareVisitUseCase {
  constructor(
    private readonly care: CareRepository,
    private readonly visits: ScheduleReturnVisitsUseCase,
    private readonly clock: Clock,
  ) {}

  async execute(command: OpenCareVisitCommand): Promise<CareVisit> {
    if (!(await this.care.merchantKnown(command.merchantId)))
      throw new NotFoundException(`merchant ${command.merchantId} is not known to campaigns`);
    return this.care.transaction(async (manager) => {
      await this.care.lockMerchantVisits(manager, command.merchantId);
      const open = await this.care.openVisitOf(command.merchantId);
      if (open)
        throw new ConflictException({
          statusCode: 409,
          error: 'Conflict',
          message: `merchant ${command.merchantId} already has an open return visit ${open.id}`,
          visitId: open.id,
        });
      const now = this.clock.now();
      const visitReason = command.note ? `${command.reason}；${command.note}` : command.reason;
      const visit = await this.visits.create(
        command.merchantId,
        { ...ON_DEMAND, cycleKey: `on-demand:${randomUUID()}` },
        now,
        { visitReason, requestedBy: command.requestedBy },
      );
      // A fresh cycle key cannot collide: null would mean the row vanished between insert and read.
      if (!visit) throw new Error(`care visit for ${command.merchantId} was not created`);
      return visit;
    });
  }
}
