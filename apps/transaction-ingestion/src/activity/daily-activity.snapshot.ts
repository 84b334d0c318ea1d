import { CHANNELS, ChannelBreakdownV1, MerchantDailyActivityV1 } from '@merchant-pulse/contracts';
import { DailyActivityRow } from './daily-activity.repository';

/** The MerchantDailyActivity payload of a row: absolute totals (a snapshot, so replays are harmless). */
export function toDailyActivityPayload(row: DailyActivityRow, asOf: Date): MerchantDailyActivityV1 {
  const byChannel = {} as ChannelBreakdownV1;
  CHANNELS.forEach((channel, i) => {
    byChannel[channel] = {
      count: row.byChannel[i * 3],
      amountMinor: row.byChannel[i * 3 + 1],
      feeMinor: row.byChannel[i * 3 + 2],
    };
  });
  const payload: MerchantDailyActivityV1 = {
    date: row.localDate,
    timezone: row.timezone,
    currency: row.currency,
    approvedCount: row.approvedCount,
    declinedCount: row.declinedCount,
    approvedAmountMinor: row.approvedAmountMinor,
    refundCount: row.refundCount,
    refundAmountMinor: row.refundAmountMinor,
    reversalCount: row.reversalCount,
    reversalAmountMinor: row.reversalAmountMinor,
    netAmountMinor: row.approvedAmountMinor - row.refundAmountMinor - row.reversalAmountMinor,
    feeMinor: row.feeMinor,
    byChannel,
    cardReadFailureCount: row.cardReadFailureCount,
    hourlyApprovedCounts: row.hourlyApproved,
    activeTerminalCount: row.terminalIds.length,
    asOf: asOf.toISOString(),
  };
  if (row.firstApprovedAt) payload.firstApprovedAt = row.firstApprovedAt.toISOString();
  if (row.lastApprovedAt) payload.lastApprovedAt = row.lastApprovedAt.toISOString();
  return payload;
}
