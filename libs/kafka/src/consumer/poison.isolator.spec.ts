import type { EntityManager } from 'typeorm';
import type { InvalidItem, MessageMeta, ValidItem } from './consumer.types';
import { ChunkWideFailure, isolatePoison } from './poison.isolator';

const meta = (offset: number): MessageMeta => ({
  topic: 't.v1',
  partition: 0,
  offset: String(offset),
  key: null,
  timestamp: '0',
  headers: {},
  raw: Buffer.from(String(offset)),
});
const valid = (offset: number): ValidItem<number> => ({ value: offset, meta: meta(offset) });
const invalid = (offset: number): InvalidItem => ({ meta: meta(offset), reason: 'schema_violation' });
const dataError = (message: string) => Object.assign(new Error(message), { code: '22021' });

/** A transaction whose savepoints keep what was applied: `committed` holds the offsets of released parts. */
function fakeTransaction() {
  const statements: string[] = [];
  const hooks: string[] = [];
  const committed: number[] = [];
  let pending: number[] = [];
  const manager = {
    queryRunner: { data: { hooks } },
    query: async (sql: string) => {
      statements.push(sql);
      if (sql.startsWith('SAVEPOINT')) pending = [];
      if (sql.startsWith('RELEASE')) committed.push(...pending);
    },
  } as unknown as EntityManager;
  const apply = (offsets: number[]) => {
    pending.push(...offsets);
    hooks.push(`metrics for ${offsets.join(',')}`);
  };
  return { manager, statements, hooks, committed, apply };
}

const options = (handle: Parameters<typeof isolatePoison<number>>[2]['handle']) => ({
  handle,
  heartbeat: async () => undefined,
  isPoison: (error: unknown) => (error as { code?: string }).code === '22021' || error instanceof TypeError,
});

describe(isolatePoison.name, () => {
  it('should apply the chunk in one savepoint when nothing fails', async () => {
    const tx = fakeTransaction();
    const letters = await isolatePoison(
      tx.manager,
      { valid: [valid(1), valid(2)], invalid: [invalid(3)] },
      options(async ({ valid: v, invalid: i }) => tx.apply([...v, ...i].map((x) => Number(x.meta.offset)))),
    );
    expect(letters).toEqual([]);
    expect(tx.statements).toEqual(['SAVEPOINT pulse_chunk_part', 'RELEASE SAVEPOINT pulse_chunk_part']);
    expect(tx.committed).toEqual([1, 2, 3]);
  });

  it('should count only the failing unparsed message out and keep every valid one when an unparsed message cannot be written', async () => {
    const tx = fakeTransaction();
    const offsets = Array.from({ length: 40 }, (_, i) => i);
    const letters = await isolatePoison(
      tx.manager,
      { valid: offsets.filter((o) => o !== 17).map(valid), invalid: [invalid(17)] },
      options(async ({ valid: v, invalid: i }) => {
        if (i.some((x) => x.meta.offset === '17'))
          throw dataError('invalid byte sequence for encoding "UTF8": 0x00');
        tx.apply([...v, ...i].map((x) => Number(x.meta.offset)));
      }),
    );
    // The unparsed message is dead-lettered by the caller; no valid message becomes a dead letter.
    expect(letters).toEqual([]);
    expect(tx.committed.sort((a, b) => a - b)).toEqual(offsets.filter((o) => o !== 17));
  });

  it('should dead-letter and count a valid poison message alone and drop the after-commit hooks of failed parts', async () => {
    const tx = fakeTransaction();
    const counted: string[] = [];
    let heartbeats = 0;
    let parts = 0;
    const letters = await isolatePoison(
      tx.manager,
      { valid: [1, 2, 3, 4, 5, 6].map(valid), invalid: [] },
      {
        ...options(async ({ valid: v, invalid: i }) => {
          parts += 1;
          tx.apply(v.map((x) => x.value));
          if (v.some((x) => x.value === 4)) throw new TypeError('cannot read amount of 4');
          counted.push(...i.map((x) => `${x.meta.offset}:${x.reason}`));
        }),
        heartbeat: async () => void (heartbeats += 1),
      },
    );
    // Heartbeats keep the group membership alive between the parts of a long bisection.
    expect(heartbeats).toBe(parts - 2);
    expect(letters).toEqual([
      { meta: meta(4), reason: 'processing_failed', detail: 'cannot read amount of 4' },
    ]);
    expect(counted).toEqual(['4:processing_failed']);
    expect(tx.committed.sort()).toEqual([1, 2, 3, 5, 6]);
    expect(tx.hooks.every((h) => !h.split(' ').pop()!.split(',').includes('4'))).toBe(true);
  });

  it('should throw without bisecting when the error says nothing about the messages', async () => {
    const tx = fakeTransaction();
    const timeout = Object.assign(new Error('canceling statement due to statement timeout'), {
      code: '57014',
    });
    await expect(
      isolatePoison(
        tx.manager,
        { valid: [1, 2, 3].map(valid), invalid: [] },
        options(async () => Promise.reject(timeout)),
      ),
    ).rejects.toBe(timeout);
    expect(tx.statements).toHaveLength(2);
  });

  it('should stop bisecting and throw a chunk-wide failure when every part fails the same way', async () => {
    const tx = fakeTransaction();
    let calls = 0;
    await expect(
      isolatePoison(
        tx.manager,
        { valid: Array.from({ length: 64 }, (_, i) => valid(i)), invalid: [] },
        options(async () => {
          calls += 1;
          throw dataError('value too long for type character varying(8)');
        }),
      ),
    ).rejects.toBeInstanceOf(ChunkWideFailure);
    expect(calls).toBe(1 + 2 + 4 + 2);
  });

  it('should isolate poison messages when several fail the same way but other parts succeed', async () => {
    const tx = fakeTransaction();
    const poison = new Set([0, 20, 40, 60]);
    const letters = await isolatePoison(
      tx.manager,
      { valid: Array.from({ length: 64 }, (_, i) => valid(i)), invalid: [] },
      options(async ({ valid: v }) => {
        if (v.some((x) => poison.has(x.value))) throw dataError('bad');
        tx.apply(v.map((x) => x.value));
      }),
    );
    // Each quarter holds one poison, so no part succeeds at the 4-part level… but the eighths below do.
    expect(letters.map((l) => Number(l.meta.offset)).sort((a, b) => a - b)).toEqual([...poison]);
    expect(tx.committed).toHaveLength(60);
  });
});
