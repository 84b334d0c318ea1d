import { createEvent, EventOf, TicketCategory } from '@merchant-pulse/contracts';

/**
 * A complaint heard on a return visit goes to after-sales-tickets on the path it already consumes:
 * FixFirstRequested (campaign.outreach.v1) with no open ticket or terminal opens one high-priority
 * ticket, idempotent on `requestId` (the visit id).
 */
export function complaintTicketRequested(
  visit: { id: string; merchantId: string },
  complaint: { category: TicketCategory; summary: string },
  at: Date,
): EventOf<'FixFirstRequested'> {
  return createEvent('FixFirstRequested', {
    merchantId: visit.merchantId,
    producer: 'reactivation-campaigns',
    occurredAt: at,
    payload: {
      requestId: visit.id,
      campaignId: `care-visit:${visit.id}`,
      category: complaint.category,
      openTicketIds: [],
      degradedTerminalIds: [],
      summary: `回访投诉：${complaint.summary}`.slice(0, 500),
      requestedAt: at.toISOString(),
    },
  });
}
