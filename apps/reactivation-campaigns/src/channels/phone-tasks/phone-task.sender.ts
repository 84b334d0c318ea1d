import { Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { v7 as uuidv7 } from 'uuid';
import { ChannelSender, OutboundMessage, SendResult } from '../channel-sender';
import { PhoneTaskRepository } from './phone-task.repository';

/**
 * The phone channel: "sending" creates a task in the activation team's queue (with the rendered script);
 * the call itself happens when an agent claims it. The number is not stored, only its mask: the agent
 * reads it from the registry when claiming.
 */
@Injectable()
export class PhoneTaskSender extends ChannelSender {
  readonly channel = 'phone_task' as const;

  constructor(
    private readonly tasks: PhoneTaskRepository,
    private readonly clock: Clock,
  ) {
    super();
  }

  async send(message: OutboundMessage): Promise<SendResult> {
    const taskId = await this.tasks.insert({
      id: uuidv7(),
      sendId: message.sendId,
      campaignId: message.campaignId,
      merchantId: message.merchantId,
      purpose: message.purpose,
      phoneMasked: message.addressMasked,
      script: message.body,
      offer: message.offer ?? null,
      createdAt: this.clock.now(),
    });
    return { kind: 'delivered', providerMessageId: taskId };
  }
}
