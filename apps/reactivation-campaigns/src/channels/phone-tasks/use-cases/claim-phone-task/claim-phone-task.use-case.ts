import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { ReactivationCampaignsConfig } from '../../../../config/reactivation-campaigns.config';
import { MerchantContext, MerchantContextReader } from '../../../../merchants/merchant-context';
import { MerchantRegistryClient } from '../../../../registry/merchant-registry.client';
import { PhoneTask, PhoneTaskRepository } from '../../phone-task.repository';

/** A task with what the agent needs for the call. */
export interface PhoneTaskDetail {
  task: PhoneTask;
  /** Reasons, risk, recent activity, open tickets and degraded terminals (campaigns' own projections). */
  merchant: Pick<
    MerchantContext,
    | 'merchantId'
    | 'displayName'
    | 'status'
    | 'behaviourTier'
    | 'valueTier'
    | 'riskBand'
    | 'riskScore'
    | 'reasonCodes'
    | 'lastApprovedDate'
    | 'trailingVolumeMinor'
    | 'openTickets'
    | 'degradedTerminals'
  > | null;
  /** The number to dial, read from the registry for the claim (audited there); only on claim. */
  phone?: string | null;
}

/**
 * Claim (for PHONE_TASK_CLAIM_MINUTES; a lapsed claim returns to the queue), release, and the task with its
 * merchant context. The number is read from the registry only when claiming, never stored here.
 */
@Injectable()
export class ClaimPhoneTaskUseCase {
  constructor(
    private readonly tasks: PhoneTaskRepository,
    private readonly contexts: MerchantContextReader,
    private readonly registry: MerchantRegistryClient,
    private readonly config: ReactivationCampaignsConfig,
    private readonly clock: Clock,
  ) {}

  async detail(taskId: string): Promise<PhoneTaskDetail> {
    const task = await this.tasks.findById(taskId);
    if (!task) throw new NotFoundException(`phone task ${taskId} not found`);
    return { task, merchant: await this.context(task.merchantId) };
  }

  async claim(taskId: string, agent: string): Promise<PhoneTaskDetail> {
    const now = this.clock.now();
    const until = new Date(now.getTime() + this.config.PHONE_TASK_CLAIM_MINUTES * 60_000);
    const task = await this.tasks.claim(taskId, agent, now, until);
    if (!task) {
      if (!(await this.tasks.findById(taskId))) throw new NotFoundException(`phone task ${taskId} not found`);
      throw new ConflictException('the task is claimed by someone else or already done');
    }
    const contact = await this.registry.outreachContact(task.merchantId, 'phone');
    return { task, merchant: await this.context(task.merchantId), phone: contact?.address ?? null };
  }

  async release(taskId: string, agent: string): Promise<void> {
    if (!(await this.tasks.release(taskId, agent)))
      throw new ConflictException('the task is not claimed by you');
  }

  private async context(merchantId: string): Promise<PhoneTaskDetail['merchant']> {
    const c = await this.contexts.read(merchantId);
    if (!c) return null;
    return {
      merchantId: c.merchantId,
      displayName: c.displayName,
      status: c.status,
      behaviourTier: c.behaviourTier,
      valueTier: c.valueTier,
      riskBand: c.riskBand,
      riskScore: c.riskScore,
      reasonCodes: c.reasonCodes,
      lastApprovedDate: c.lastApprovedDate,
      trailingVolumeMinor: c.trailingVolumeMinor,
      openTickets: c.openTickets,
      degradedTerminals: c.degradedTerminals,
    };
  }
}
