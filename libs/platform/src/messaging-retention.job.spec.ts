import type { Logger } from '@merchant-pulse/observability';
import { DataSource } from 'typeorm';
import { MessagingRetentionJob } from './messaging-retention.job';
import { ServiceConfig } from './service.config';

/** Answers each DELETE with the next row count, recording the statement's table and parameters. */
function fakeDataSource(counts: number[]) {
  const calls: Array<{ table: string; params: unknown[] }> = [];
  const ds = {
    query: async (sql: string, params: unknown[]) => {
      calls.push({ table: /DELETE FROM (\w+)/.exec(sql)![1], params });
      return [[], counts.shift() ?? 0];
    },
  };
  return { ds: ds as unknown as DataSource, calls };
}

const logger = { info: jest.fn(), error: jest.fn() } as unknown as Logger;
const config = {
  OUTBOX_RETENTION_HOURS: 24,
  INBOX_RETENTION_HOURS: 336,
  runConsumers: true,
} as ServiceConfig;

describe(MessagingRetentionJob.name, () => {
  it('should prune the outbox and the inbox by their configured retentions, batch after batch until one comes back short', async () => {
    const { ds, calls } = fakeDataSource([5_000, 12, 40]);
    const job = new MessagingRetentionJob(ds, config, logger);

    expect(await job.runOnce()).toEqual({ outbox: 5_012, inbox: 40 });
    expect(calls).toEqual([
      { table: 'outbox', params: [86_400_000, 5_000] },
      { table: 'outbox', params: [86_400_000, 5_000] },
      { table: 'inbox', params: [1_209_600_000, 5_000] },
    ]);
  });

  it('should not schedule anything in a process that runs no consumers', () => {
    const { ds } = fakeDataSource([]);
    const job = new MessagingRetentionJob(ds, { ...config, runConsumers: false } as ServiceConfig, logger);
    const start = jest.spyOn(job['task'], 'start');

    job.onApplicationBootstrap();

    expect(start).not.toHaveBeenCalled();
  });
});
