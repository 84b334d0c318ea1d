import { Injectable } from '@nestjs/common';
import { parseEvent, Topics } from '@merchant-pulse/contracts';
import {
  ChunkContext,
  InvalidItem,
  KafkaBatchConsumer,
  KafkaBatchHandler,
  MessageMeta,
  ParseResult,
  ValidItem,
} from '@merchant-pulse/kafka';
import { DayVolumes, dayVolumes } from '../rules/accrual-rules';
import { AccruePointsCommand } from '../use-cases/accrue-points/accrue-points.command';
import { AccruePointsUseCase } from '../use-cases/accrue-points/accrue-points.use-case';

/** merchant.activity.v1 → points accrual (snapshots, so replays and corrections are harmless). */
@Injectable()
@KafkaBatchConsumer({
  groupId: 'reactivation-campaigns.loyalty-activity',
  topics: [Topics.MerchantActivity],
  chunkSize: 500,
})
export class AccruePointsWhenActivityRecordedConsumer implements KafkaBatchHandler<DayVolumes> {
  constructor(private readonly useCase: AccruePointsUseCase) {}

  parse(raw: Buffer | null, meta: MessageMeta): ParseResult<DayVolumes> {
    const parsed = parseEvent(raw, { topic: meta.topic });
    if (!parsed.ok) return { ok: false, reason: parsed.reason, detail: parsed.detail };
    if (parsed.event.type !== 'MerchantDailyActivity')
      return { ok: false, reason: 'wrong_topic', detail: `${parsed.event.type} is not handled here` };
    return { ok: true, value: dayVolumes(parsed.event) };
  }

  async handle(
    chunk: { valid: ValidItem<DayVolumes>[]; invalid: InvalidItem[] },
    { manager }: ChunkContext,
  ): Promise<void> {
    await this.useCase.execute(manager, new AccruePointsCommand(chunk.valid.map((v) => v.value)));
  }
}
