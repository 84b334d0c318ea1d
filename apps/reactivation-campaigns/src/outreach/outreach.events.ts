import {
  createEvent,
  EventOf,
  OutreachChannel,
  OutreachFailureReason,
  topicOf,
} from '@merchant-pulse/contracts';
import { enqueueOutboxEvents } from '@merchant-pulse/kafka';
import type { EntityManager } from 'typeorm';
import type { FixFirstFinding } from './guards/outreach-guards';
import type { SendRecord } from './send-record.repository';

const PRODUCER = 'reactivation-campaigns';

/** Outreach events go out through the outbox, in the transaction of the send record's change. */
export async function emitOutreachEvents(
  manager: EntityManager,
  events: ReadonlyArray<EventOf<'OutreachSent' | 'OutreachFailed' | 'FixFirstRequested'>>,
): Promise<void> {
  await enqueueOutboxEvents(manager, events, (type) => topicOf(type as 'OutreachSent'));
}

export function outreachSent(
  record: SendRecord,
  channel: OutreachChannel,
  providerMessageId: string | null,
  at: Date,
): EventOf<'OutreachSent'> {
  return createEvent('OutreachSent', {
    merchantId: record.merchantId,
    producer: PRODUCER,
    occurredAt: at,
    payload: {
      campaignId: record.campaignId,
      outreachId: record.id,
      channel,
      templateId: record.templateId,
      attempt: record.attempts + 1,
      ...(providerMessageId ? { providerMessageId } : {}),
      sentAt: at.toISOString(),
    },
  });
}

export function outreachFailed(
  record: SendRecord,
  channel: OutreachChannel,
  reason: OutreachFailureReason,
  retryable: boolean,
  detail: string | null,
  at: Date,
): EventOf<'OutreachFailed'> {
  return createEvent('OutreachFailed', {
    merchantId: record.merchantId,
    producer: PRODUCER,
    occurredAt: at,
    payload: {
      campaignId: record.campaignId,
      outreachId: record.id,
      channel,
      attempt: Math.max(1, record.attempts + 1),
      reason,
      ...(detail ? { detail: detail.slice(0, 500) } : {}),
      retryable,
      failedAt: at.toISOString(),
    },
  });
}

export function fixFirstRequested(
  record: SendRecord,
  finding: FixFirstFinding,
  at: Date,
): EventOf<'FixFirstRequested'> {
  return createEvent('FixFirstRequested', {
    merchantId: record.merchantId,
    producer: PRODUCER,
    occurredAt: at,
    payload: {
      requestId: record.id,
      campaignId: record.campaignId,
      category: finding.category,
      openTicketIds: finding.openTicketIds.slice(0, 50),
      degradedTerminalIds: finding.degradedTerminalIds.slice(0, 50),
      summary: `营销前先修复：${finding.category}（工单 ${finding.openTicketIds.length} 张，异常终端 ${finding.degradedTerminalIds.length} 台）`,
      requestedAt: at.toISOString(),
    },
  });
}
