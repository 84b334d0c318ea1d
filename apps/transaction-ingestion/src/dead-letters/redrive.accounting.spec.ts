import { createHash } from 'node:crypto';
import { FakeClock } from '@merchant-pulse/clock';
import { RAW_TRANSACTION_EXAMPLE } from '@merchant-pulse/contracts';
import { MetricsService } from '@merchant-pulse/observability';
import { EntityManager } from 'typeorm';
import { LedgerAccumulator } from '../transactions/ingest-ledger.accumulator';
import { IngestItem, UnparsedItem } from '../transactions/ingest.model';
import { IngestTransactionsCommand } from '../transactions/use-cases/ingest-transactions/ingest-transactions.command';
import { DeadLetterStatus, RedriveClaim } from './dead-letter.model';
import { DeadLetterRepository } from './dead-letter.repository';
import { RedriveAccounting } from './redrive.accounting';

const manager = {} as EntityManager;
const ID = (n: number) => `0193a1b2-0000-7000-8000-00000000000${n}`;

const RAW = Buffer.from('{}');
const RAW_SHA = createHash('sha256').update(RAW).digest('hex');

function claim(
  n: number,
  status: DeadLetterStatus,
  attempt = 1,
): RedriveClaim & { status: DeadLetterStatus; valueSha256: string } {
  return {
    id: ID(n),
    reason: 'unknown_merchant',
    acquirerId: 'acq-1',
    businessDate: '2026-03-01',
    shard: 5,
    amountMinor: 4_200,
    attempt,
    status,
    valueSha256: RAW_SHA,
  };
}

function item(n: number, redrive?: number, attempt = 1, raw = RAW): IngestItem {
  return {
    tx: { ...RAW_TRANSACTION_EXAMPLE, currency: 'CNY', transactionId: `t${n}` },
    raw,
    key: 'm',
    partition: 2,
    offset: String(n),
    producedAtMs: null,
    ...(redrive ? { redrive: { deadLetterId: ID(redrive), attempt } } : {}),
  };
}

function setup(claims: Array<ReturnType<typeof claim>>) {
  const completed: Array<{ id: string; outcome: string }> = [];
  const repository = {
    claim: async () => new Map(claims.map((c) => [c.id, c])),
    complete: async (_m: EntityManager, settled: Array<{ id: string; outcome: string }>) => {
      completed.push(...settled);
    },
  } as unknown as DeadLetterRepository;
  const metrics = new MetricsService({ defaultMetrics: false });
  const accounting = new RedriveAccounting(repository, new FakeClock(), metrics);
  return { accounting, completed, metrics };
}

describe(RedriveAccounting.name, () => {
  it('should claim a requested re-drive once and drop a second copy of it and copies of settled ones', async () => {
    const { accounting, metrics } = setup([claim(1, 'redrive_requested'), claim(2, 'redriven')]);
    const first = item(1, 1);
    const copy = item(2, 1);
    const settledCopy = item(3, 2);
    const ordinary = item(4);
    const { command, live } = await accounting.claim(
      manager,
      new IngestTransactionsCommand([first, copy, settledCopy, ordinary]),
    );
    expect(command.items).toEqual([first, ordinary]);
    expect([...live.keys()]).toEqual([first]);
    expect(await metrics.registry.getSingleMetricAsString('pulse_ingest_redrive_copies_total')).toMatch(
      / 2$/,
    );
  });

  it('should treat a marker naming an unknown, unrequested or other-attempt dead letter, or other bytes, as an ordinary message', async () => {
    const { accounting } = setup([claim(1, 'dead'), claim(2, 'redrive_requested', 2), claim(4, 'redriven')]);
    const forged = item(4, 4, 1, Buffer.from('{"other":"bytes"}'));
    const items = [item(1, 1), item(2, 2, 1), item(3, 3), forged];
    const { command, live } = await accounting.claim(manager, new IngestTransactionsCommand(items));
    expect(command.items).toEqual(items);
    expect(live.size).toBe(0);
  });

  it('should charge a re-driven unparsed message to the acquirer and day its dead letter was counted on', async () => {
    const { accounting } = setup([claim(1, 'redrive_requested')]);
    const unparsed: UnparsedItem = {
      acquirerId: 'unknown',
      businessDate: '2026-12-01',
      partition: 9,
      reason: 'malformed_json',
      message: { offset: '7', key: null, raw: RAW, headers: {}, detail: '' },
      redrive: { deadLetterId: ID(1), attempt: 1 },
    };
    const { command, live } = await accounting.claim(manager, new IngestTransactionsCommand([], [unparsed]));
    expect(command.unparsed).toEqual([{ ...unparsed, acquirerId: 'acq-1', businessDate: '2026-03-01' }]);
    expect(live.get(command.unparsed[0])?.id).toBe(ID(1));
  });

  it('should move the count out of rejected on the original key and record the outcome when settling', async () => {
    const { accounting, completed } = setup([]);
    const ledger = new LedgerAccumulator();
    const message = item(1, 1);
    await accounting.settle(
      manager,
      ledger,
      new Map([[message, claim(1, 'redrive_requested')]]),
      () => 'accepted',
    );
    const key = { acquirerId: 'acq-1', businessDate: '2026-03-01', shard: 5 };
    expect(ledger.list()).toEqual([
      {
        ...key,
        outcome: 'redriven',
        reason: 'unknown_merchant:accepted',
        count: 1,
        amountMinor: 4_200,
        feeMinor: 0,
      },
      {
        ...key,
        outcome: 'rejected',
        reason: 'unknown_merchant',
        count: -1,
        amountMinor: -4_200,
        feeMinor: 0,
      },
    ]);
    expect(completed).toEqual([{ id: ID(1), outcome: 'accepted' }]);
  });

  it('should not touch the database for a chunk without re-drives or from parking', async () => {
    const { accounting } = setup([]);
    const fromParking = new IngestTransactionsCommand([item(1, 1)], [], true);
    expect((await accounting.claim(manager, fromParking)).command).toBe(fromParking);
  });
});
