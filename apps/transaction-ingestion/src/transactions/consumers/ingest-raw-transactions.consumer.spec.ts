import { FakeClock } from '@merchant-pulse/clock';
import type { MessageMeta } from '@merchant-pulse/kafka';
import type { EntityManager } from 'typeorm';
import type { ConsumedOffsetRepository } from '../../accounting/consumed-offset.repository';
import type { IngestTransactionsCommand } from '../use-cases/ingest-transactions/ingest-transactions.command';
import type { IngestTransactionsUseCase } from '../use-cases/ingest-transactions/ingest-transactions.use-case';
import { IngestRawTransactionsConsumer } from './ingest-raw-transactions.consumer';

const meta = (offset: number): MessageMeta => ({
  topic: 'acquirer.transactions.v1',
  partition: 4,
  offset: String(offset),
  key: 'm-1',
  timestamp: '1760000000000',
  headers: {},
  raw: Buffer.from('{}'),
});
const tx = (id: string) => ({ transactionId: id, merchantId: 'm-1' }) as never;

function setup(fence: bigint) {
  const commands: IngestTransactionsCommand[] = [];
  const advanced: bigint[] = [];
  const replayed: string[][] = [];
  const ingest = {
    execute: async (command: IngestTransactionsCommand) => {
      commands.push(command);
      return { accepted: command.items.length, duplicates: 0, parked: 0, rejections: [] };
    },
    ruleRejections: async (items: Array<{ tx: { transactionId: string } }>) => {
      replayed.push(items.map((i) => i.tx.transactionId));
      return [];
    },
  } as unknown as IngestTransactionsUseCase;
  const offsets = {
    lockNext: async () => fence,
    advance: async (_m: unknown, _t: string, _p: number, next: bigint) => void advanced.push(next),
  } as unknown as ConsumedOffsetRepository;
  const consumer = new IngestRawTransactionsConsumer(ingest, offsets, new FakeClock(new Date('2026-01-01')));
  return { consumer, commands, advanced, replayed };
}

describe(IngestRawTransactionsConsumer.name, () => {
  const manager = {} as EntityManager;
  const chunk = {
    valid: [10, 11, 12, 13].map((o) => ({ value: tx(`t${o}`), meta: meta(o) })),
    invalid: [{ meta: meta(14), reason: 'malformed_json' as const }],
  };

  it('should apply only the messages at or after the fence and advance it past the chunk when a chunk is re-delivered', async () => {
    const { consumer, commands, advanced, replayed } = setup(12n);
    await consumer.handle(chunk, { manager, isolated: false });
    expect(commands[0].items.map((i) => i.tx.transactionId)).toEqual(['t12', 't13']);
    expect(commands[0].unparsed).toHaveLength(1);
    expect(replayed).toEqual([['t10', 't11']]);
    expect(advanced).toEqual([15n]);
  });

  it('should apply everything and leave the fence alone when the chunk is a bisection half', async () => {
    const { consumer, commands, advanced } = setup(100n);
    await consumer.handle(chunk, { manager, isolated: true });
    expect(commands[0].items).toHaveLength(4);
    expect(advanced).toEqual([]);
  });
});
