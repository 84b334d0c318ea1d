import { FakeClock } from '@merchant-pulse/clock';
import type { MessageMeta } from '@merchant-pulse/kafka';
import type { EntityManager } from 'typeorm';
import type { ConsumedOffsetRepository } from '../../accounting/consumed-offset.repository';
import type { IngestTransactionsCommand } from '../use-cases/ingest-transactions/ingest-transactions.command';
import type { IngestTransactionsUseCase } from '../use-cases/ingest-transactions/ingest-transactions.use-case';
import { IngestRawTransactionsConsumer } from './ingest-raw-transactions.consumer';

const meta = (offset: number, raw = '{}'): MessageMeta => ({
  topic: 'acquirer.transactions.v1',
  partition: 4,
  offset: String(offset),
  key: 'm-1',
  timestamp: '1760000000000',
  headers: {},
  raw: Buffer.from(raw),
});
const tx = (id: string) => ({ transactionId: id, merchantId: 'm-1' }) as never;

function setup() {
  const commands: IngestTransactionsCommand[] = [];
  const replayed: string[][] = [];
  const ingest = {
    execute: async (command: IngestTransactionsCommand) => {
      commands.push(command);
      return { accepted: command.items.length, duplicates: 0, parked: 0, rejections: [] };
    },
    ruleRejections: async (items: Array<{ tx: { transactionId: string }; source: MessageMeta }>) => {
      replayed.push(items.map((i) => i.tx.transactionId));
      return [{ item: items[0], reason: 'future_dated' }];
    },
  } as unknown as IngestTransactionsUseCase;
  const offsets = {} as ConsumedOffsetRepository;
  const consumer = new IngestRawTransactionsConsumer(ingest, offsets, new FakeClock(new Date('2026-01-01')));
  return { consumer, commands, replayed, offsets };
}

describe(IngestRawTransactionsConsumer.name, () => {
  const manager = {} as EntityManager;

  it('should hand the runner its offset fence so re-delivered chunks are counted once', () => {
    const { consumer, offsets } = setup();
    expect(consumer.fence).toBe(offsets);
  });

  it('should ingest every message of the part it is given and charge an unparsed one with a NUL acquirer to unknown', async () => {
    const { consumer, commands } = setup();
    await consumer.handle(
      {
        valid: [10, 11].map((o) => ({ value: tx(`t${o}`), meta: meta(o) })),
        invalid: [
          {
            meta: meta(
              12,
              JSON.stringify({
                acquirerId: '\u0000',
                amountMinor: 'x',
                occurredAt: '+275760-09-13T00:00:00Z',
              }),
            ),
            reason: 'schema_violation',
          },
        ],
      },
      { manager, isolated: true },
    );
    expect(commands[0].items.map((i) => i.tx.transactionId)).toEqual(['t10', 't11']);
    expect(commands[0].unparsed).toMatchObject([
      { acquirerId: 'unknown', businessDate: '2026-01-01', partition: 4, reason: 'schema_violation' },
    ]);
    expect(commands[0].unparsed[0].message?.raw.length).toBeGreaterThan(0);
  });

  it('should return the rule rejections of replayed messages so their dead letters go out again', async () => {
    const { consumer, replayed, commands } = setup();
    const rejections = await consumer.replayed([{ value: tx('t7'), meta: meta(7) }], {
      manager,
      isolated: false,
    });
    expect(replayed).toEqual([['t7']]);
    expect(commands).toHaveLength(0);
    expect(rejections).toEqual([{ meta: meta(7), reason: 'future_dated', detail: undefined }]);
  });
});
