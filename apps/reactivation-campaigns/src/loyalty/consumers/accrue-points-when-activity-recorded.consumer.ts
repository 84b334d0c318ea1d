import { Injectable } from '@nestjs/common';
import { EventOf, Topics } from '@merchant-pulse/contracts';
import {
  ChunkContext,
  InvalidItem,
  KafkaBatchConsumer,
  KafkaBatchHandler,
  MessageMeta,
  ParseResult,
  parseEventMessage,
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
    const parsed = parseEventMessage<EventOf<'MerchantDailyActivity'>>(raw, meta, ['MerchantDailyActivity']);
    return parsed.ok ? { ok: true, value: dayVolumes(parsed.value) } : parsed;
  }

  async handle(
    chunk: { valid: ValidItem<DayVolumes>[]; invalid: InvalidItem[] },
    { manager }: ChunkContext,
  ): Promise<void> {
    await this.useCase.execute(manager, new AccruePointsCommand(chunk.valid.map((v) => v.value)));
  }
}
