import type { DataSource, EntityManager } from 'typeorm';
import { ChunkApplier, ChunkApplierOptions, TransientFailure } from './chunk.applier';
import type { MessageMeta } from './consumer.types';
import { messageFingerprint, StoredFence } from './offset-fence';

const meta = (offset: number, value = `{"n":${offset}}`): MessageMeta => ({
  topic: 't.v1',
  partition: 2,
  offset: String(offset),
  key: 'k',
  timestamp: '1000',
  headers: {},
  raw: Buffer.from(value),
});

function setup(overrides: Partial<ChunkApplierOptions<number>> = {}, stored?: StoredFence) {
  const calls: Array<{ valid: number[]; invalid: string[] }> = [];
  let fence = stored;
  const manager = { query: async () => undefined } as unknown as EntityManager;
  let transactions = 0;
  const dataSource = {
    transaction: async (work: (m: EntityManager) => Promise<unknown>) => {
      transactions += 1;
      return work(manager);
    },
  } as unknown as DataSource;
  const applier = new ChunkApplier<number>({
    dataSource,
    maxTransientRetries: 2,
    parse: (raw) => {
      const value = JSON.parse(raw!.toString()) as { n: number } | unknown[];
      // Like class-transformer on a deeply nested value.
      if (Array.isArray(value)) throw new RangeError('Maximum call stack size exceeded');
      return { ok: true, value: value.n };
    },
    handle: async ({ valid, invalid }) => {
      calls.push({
        valid: valid.map((v) => v.value),
        invalid: invalid.map((i) => `${i.meta.offset}:${i.reason}`),
      });
    },
    fence: stored && {
      lock: async () => fence!,
      save: async (_m, _t, _p, next) => void (fence = next),
    },
    ...overrides,
  });
  return { applier, calls, fence: () => fence, transactions: () => transactions };
}
const input = (metas: MessageMeta[], highWatermark = '100') => ({
  metas,
  highWatermark,
  heartbeat: async () => undefined,
});

describe(ChunkApplier.name, () => {
  it('should turn a parser that throws into a schema_violation dead letter, counted, when a message nests too deep', async () => {
    const { applier, calls } = setup();
    const deep = '['.repeat(20_000) + ']'.repeat(20_000);
    const outcome = await applier.apply(input([meta(0), meta(1, deep), meta(2)]));
    expect(calls).toEqual([{ valid: [0, 2], invalid: ['1:schema_violation'] }]);
    expect(outcome).toMatchObject({
      kind: 'applied',
      letters: [{ meta: meta(1, deep), reason: 'schema_violation' }],
    });
    expect((outcome as { letters: Array<{ detail: string }> }).letters[0].detail).toMatch(/^parser threw/);
  });

  it('should skip what the fence holds, re-publish its rule rejections and move the fence past the chunk in the same transaction', async () => {
    const replayed: number[] = [];
    const { applier, calls, fence } = setup(
      {
        replayed: async (items) => {
          replayed.push(...items.map((i) => i.value));
          return [{ meta: items[0].meta, reason: 'future_dated' }];
        },
      },
      { next: 12n, lastFingerprint: messageFingerprint(meta(11)) },
    );
    const outcome = await applier.apply(input([10, 11, 12, 13].map((o) => meta(o))));
    expect(calls).toEqual([{ valid: [12, 13], invalid: [] }]);
    expect(replayed).toEqual([10, 11]);
    expect(outcome).toMatchObject({ kind: 'applied', letters: [{ reason: 'future_dated' }] });
    expect(fence()).toEqual({ next: 14n, lastFingerprint: messageFingerprint(meta(13)) });
  });

  it('should apply everything and reset a fence left by a deleted topic', async () => {
    const onFenceReset = jest.fn();
    const { applier, calls, fence } = setup(
      { onFenceReset },
      { next: 3n, lastFingerprint: messageFingerprint(meta(2, 'old')) },
    );
    await applier.apply(input([0, 1, 2, 3].map((o) => meta(o))));
    expect(calls).toEqual([{ valid: [0, 1, 2, 3], invalid: [] }]);
    expect(onFenceReset).toHaveBeenCalledWith('t.v1', 2);
    expect(fence()!.next).toBe(4n);
  });

  it('should ask to verify the fence and apply nothing when the chunk lies wholly below its last message', async () => {
    const { applier, calls } = setup({}, { next: 50n, lastFingerprint: 'x' });
    expect(await applier.apply(input([meta(0), meta(1)]))).toEqual({
      kind: 'verify',
      offset: 49n,
      fenceNext: 50n,
    });
    expect(calls).toEqual([]);
  });

  it('should retry the whole chunk with backoff on a statement timeout and give it back to Kafka when it persists', async () => {
    const timeout = Object.assign(new Error('canceling statement due to statement timeout'), {
      code: '57014',
    });
    let failures = 1;
    const flaky = setup({
      handle: async () => {
        if (failures-- > 0) throw timeout;
      },
    });
    await expect(flaky.applier.apply(input([meta(0)]))).resolves.toEqual({ kind: 'applied', letters: [] });
    expect(flaky.transactions()).toBe(2);
    const stuck = setup({ handle: async () => Promise.reject(timeout) });
    await expect(stuck.applier.apply(input([meta(0)]))).rejects.toBeInstanceOf(TransientFailure);
    expect(stuck.transactions()).toBe(3);
  });

  it('should prove a fence by the message found at its last offset, or reset it', async () => {
    const good = setup({}, { next: 50n, lastFingerprint: messageFingerprint(meta(49)) });
    await expect(good.applier.verifyFence('t.v1', 2, 50n, meta(49))).resolves.toBe(true);
    const stale = setup({}, { next: 50n, lastFingerprint: messageFingerprint(meta(49)) });
    await expect(stale.applier.verifyFence('t.v1', 2, 50n, meta(49, 'other'))).resolves.toBe(false);
    expect(stale.fence()).toEqual({ next: 0n, lastFingerprint: null });
    const moved = setup({}, { next: 60n, lastFingerprint: 'x' });
    await expect(moved.applier.verifyFence('t.v1', 2, 50n, meta(49))).resolves.toBe(false);
    expect(moved.fence()!.next).toBe(60n);
  });
});
