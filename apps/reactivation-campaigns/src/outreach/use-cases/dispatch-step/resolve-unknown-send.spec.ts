import { MetricsService } from '@merchant-pulse/observability';
import { ChannelSender, LookupResult } from '../../../channels/channel-sender';
import { OutreachMetrics } from '../../outreach.metrics';
import { SendRecord, SendRecordRepository, SendState } from '../../send-record.repository';
import { RetryableOutreachError } from './dispatch-step.command';
import { ResolveUnknownSend } from './resolve-unknown-send';

const NOW = new Date('2026-03-02T02:00:00.000Z');
const record = {
  id: 'send-1',
  merchantId: 'M-1',
  campaignId: 'C-1',
  channel: 'sms',
  plannedChannel: 'sms',
} as SendRecord;

function setup(lookup: () => Promise<LookupResult>) {
  const moves: Array<{ to: SendState; patch: object }> = [];
  const records = {
    transition: async (_id: string, _from: SendState[], to: SendState, patch: object) => {
      moves.push({ to, patch });
      return true;
    },
    transaction: async <T>(work: (m: unknown) => Promise<T>) => work({ query: async () => [] }),
  } as unknown as SendRecordRepository;
  const metrics = new OutreachMetrics(new MetricsService({ defaultMetrics: false }));
  const sender = {
    channel: 'sms',
    send: async () => ({ kind: 'retryable', detail: '' }),
    lookup,
  } as ChannelSender;
  const count = async (resolution: string) =>
    (await metrics.suspectedDuplicates.get()).values.find((v) => v.labels.resolution === resolution)?.value ??
    0;
  return { use: new ResolveUnknownSend(records, metrics), sender, moves, count };
}

describe(ResolveUnknownSend.name, () => {
  it('should send again (back to scheduled) when the gateway has no message under the key', async () => {
    const { use, sender, moves, count } = setup(async () => ({ kind: 'absent' }));
    expect(await use.execute(sender, record, NOW)).toBe('resend');
    expect(moves).toEqual([expect.objectContaining({ to: 'scheduled' })]);
    expect(await count('avoided')).toBe(0);
  });

  it('should count a re-send it cannot verify (SMTP) as a suspected duplicate', async () => {
    const { use, sender, count } = setup(async () => ({ kind: 'unverifiable' }));
    expect(await use.execute(sender, record, NOW)).toBe('resend');
    expect(await count('resent_unverified')).toBe(1);
  });

  it('should leave the record unknown and retry later when the gateway cannot answer the lookup', async () => {
    const { use, sender, moves } = setup(async () => {
      throw new Error('HTTP 503');
    });
    await expect(use.execute(sender, record, NOW)).rejects.toBeInstanceOf(RetryableOutreachError);
    expect(moves).toHaveLength(0);
  });
});
