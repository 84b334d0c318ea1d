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
import { FleetFact, FleetRepository } from '../fleet.repository';

/**
 * merchant.lifecycle.v1 (terminal assignments and moves, merchant status) and terminal.health.v1
 * (`silent` episodes and recoveries) → the terminal fleet projection. Other event types are skipped.
 */
@Injectable()
@KafkaBatchConsumer({
  groupId: 'reactivation-campaigns.terminal-fleet',
  topics: [Topics.MerchantLifecycle, Topics.TerminalHealth],
  chunkSize: 500,
})
export class TrackTerminalFleetConsumer implements KafkaBatchHandler<FleetFact | null> {
  constructor(private readonly fleet: FleetRepository) {}

  parse(raw: Buffer | null, meta: MessageMeta): ParseResult<FleetFact | null> {
    const parsed = parseEvent(raw, { topic: meta.topic });
    if (!parsed.ok) return { ok: false, reason: parsed.reason, detail: parsed.detail };
    const e = parsed.event;
    const m = e.merchantId;
    switch (e.type) {
      case 'TerminalAssigned':
        return {
          ok: true,
          value: {
            kind: 'assigned',
            terminalId: e.payload.terminalId,
            merchantId: m,
            status: e.payload.status,
            at: e.payload.assignedAt,
          },
        };
      case 'TerminalStatusChanged':
        return {
          ok: true,
          value: {
            kind: 'status',
            terminalId: e.payload.terminalId,
            merchantId: m,
            status: e.payload.to,
            at: e.payload.changedAt,
          },
        };
      case 'MerchantStatusChanged':
        return {
          ok: true,
          value: { kind: 'merchant_status', merchantId: m, status: e.payload.to, at: e.payload.changedAt },
        };
      case 'TerminalHealthDegraded':
        return e.payload.kind === 'silent'
          ? {
              ok: true,
              value: {
                kind: 'silent',
                terminalId: e.payload.terminalId,
                merchantId: m,
                since: e.payload.since,
                at: e.occurredAt,
              },
            }
          : { ok: true, value: null };
      case 'TerminalHealthRecovered':
        return e.payload.kind === 'silent'
          ? {
              ok: true,
              value: {
                kind: 'recovered',
                terminalId: e.payload.terminalId,
                merchantId: m,
                at: e.payload.recoveredAt,
              },
            }
          : { ok: true, value: null };
      default:
        return { ok: true, value: null };
    }
  }

  async handle(
    chunk: { valid: ValidItem<FleetFact | null>[]; invalid: InvalidItem[] },
    { manager }: ChunkContext,
  ): Promise<void> {
    await this.fleet.apply(
      manager,
      chunk.valid.map((v) => v.value).filter((f): f is FleetFact => f !== null),
    );
  }
}
