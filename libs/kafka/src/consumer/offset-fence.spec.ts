import type { MessageMeta } from './consumer.types';
import { judgeFence, messageFingerprint } from './offset-fence';

const meta = (offset: number, value = `v${offset}`, timestamp = '1000'): MessageMeta => ({
  topic: 't.v1',
  partition: 0,
  offset: String(offset),
  key: 'k',
  timestamp,
  headers: {},
  raw: Buffer.from(value),
});
const range = (from: number, to: number, timestamp?: string) =>
  Array.from({ length: to - from + 1 }, (_, i) => meta(from + i, undefined, timestamp));
const fenceAt = (next: number, marker = meta(next - 1)) => ({
  next: BigInt(next),
  lastFingerprint: messageFingerprint(marker),
});

describe(judgeFence.name, () => {
  it('should apply everything from the fence when the chunk starts at or after it', () => {
    expect(judgeFence({ next: 0n, lastFingerprint: null }, range(0, 9), '10')).toEqual({
      kind: 'apply',
      from: 0n,
    });
    expect(judgeFence(fenceAt(10), range(10, 19), '20')).toEqual({ kind: 'apply', from: 10n });
  });

  it('should skip what lies below the fence when the chunk holds the very message applied last', () => {
    expect(judgeFence(fenceAt(5), range(0, 9), '10')).toEqual({ kind: 'apply', from: 5n });
  });

  it('should reset a fence when the message at its last offset is another one (topic re-created)', () => {
    const verdict = judgeFence(fenceAt(5), range(0, 9, '2000'), '10');
    expect(verdict).toMatchObject({ kind: 'apply', from: 0n, stale: expect.stringContaining('offset 4') });
  });

  it('should reset a fence above the partition high watermark', () => {
    expect(judgeFence(fenceAt(500), range(0, 9), '10')).toMatchObject({
      kind: 'apply',
      from: 0n,
      stale: expect.stringContaining('above'),
    });
  });

  it('should ask to read the last applied message when the chunk lies wholly below it, unless that fence was verified', () => {
    expect(judgeFence(fenceAt(50), range(0, 9), '60')).toEqual({ kind: 'verify', offset: 49n });
    expect(judgeFence(fenceAt(50), range(0, 9), '60', 50n)).toEqual({ kind: 'apply', from: 50n });
  });

  it('should trust a fence written before fingerprints existed', () => {
    expect(judgeFence({ next: 50n, lastFingerprint: null }, range(0, 9), '60')).toEqual({
      kind: 'apply',
      from: 50n,
    });
  });

  it('should tell messages apart by timestamp, key and value but not by offset', () => {
    expect(messageFingerprint(meta(1, 'a'))).toBe(messageFingerprint(meta(2, 'a')));
    expect(messageFingerprint(meta(1, 'a'))).not.toBe(messageFingerprint(meta(1, 'b')));
    expect(messageFingerprint(meta(1, 'a', '1'))).not.toBe(messageFingerprint(meta(1, 'a', '2')));
  });
});
