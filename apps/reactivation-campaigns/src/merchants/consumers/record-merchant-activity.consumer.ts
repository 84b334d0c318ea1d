import { Injectable } from '@nestjs/common';
import { CHANNELS, EventOf, Topics } from '@merchant-pulse/contracts';
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
import { ActivitySnapshot } from '../merchant-projections.repository';
import { RecordMerchantActivityCommand } from '../use-cases/record-merchant-activity/record-merchant-activity.command';
import { RecordMerchantActivityUseCase } from '../use-cases/record-merchant-activity/record-merchant-activity.use-case';

/** Maps a validated MerchantDailyActivity event to the snapshot this service keeps. */
export function toSnapshot(event: EventOf<'MerchantDailyActivity'>): ActivitySnapshot {
  const p = event.payload;
  return {
    merchantId: event.merchantId,
    date: p.date,
    asOf: p.asOf,
    approvedCount: p.approvedCount,
    approvedAmountMinor: p.approvedAmountMinor,
    feeMinor: p.feeMinor,
    hourlyCounts: p.hourlyApprovedCounts,
    channelAmounts: Object.fromEntries(CHANNELS.map((c) => [c, p.byChannel[c].amountMinor])),
    channelCounts: Object.fromEntries(CHANNELS.map((c) => [c, p.byChannel[c].count])),
    firstApprovedAt: p.firstApprovedAt,
  };
}

/** merchant.activity.v1 → daily snapshots (natural upsert; latest asOf wins) → conversions. */
@Injectable()
@KafkaBatchConsumer({
  groupId: 'reactivation-campaigns.activity',
  topics: [Topics.MerchantActivity],
  chunkSize: 500,
})
export class RecordMerchantActivityConsumer implements KafkaBatchHandler<ActivitySnapshot> {
  constructor(private readonly useCase: RecordMerchantActivityUseCase) {}

  parse(raw: Buffer | null, meta: MessageMeta): ParseResult<ActivitySnapshot> {
    const parsed = parseEventMessage<EventOf<'MerchantDailyActivity'>>(raw, meta, ['MerchantDailyActivity']);
    return parsed.ok ? { ok: true, value: toSnapshot(parsed.value) } : parsed;
  }

  async handle(
    chunk: { valid: ValidItem<ActivitySnapshot>[]; invalid: InvalidItem[] },
    { manager }: ChunkContext,
  ): Promise<void> {
    await this.useCase.execute(manager, new RecordMerchantActivityCommand(chunk.valid.map((v) => v.value)));
  }
}
