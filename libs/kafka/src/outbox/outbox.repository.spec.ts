import { ClaimCandidate, claimablePrefix } from './outbox.repository';

const candidate = (seq: number, key: string, claimed = true): ClaimCandidate => ({
  seq: String(seq),
  message_key: key,
  claimed,
  topic: 't.v1',
  value: `{"seq":${seq}}`,
  headers: {},
});

describe(claimablePrefix.name, () => {
  it('should take every claimed row when nothing is held by another relay', () => {
    const rows = claimablePrefix([candidate(1, 'a'), candidate(2, 'b'), candidate(3, 'a')]);
    expect(rows.map((r) => r.seq)).toEqual(['1', '2', '3']);
  });

  it('should leave every later row of a key whose older row another relay holds', () => {
    const rows = claimablePrefix([
      candidate(1, 'a', false),
      candidate(2, 'b'),
      candidate(3, 'a'),
      candidate(4, 'b'),
      candidate(5, 'a'),
    ]);
    expect(rows.map((r) => r.seq)).toEqual(['2', '4']);
  });

  it('should stop a key at its first gap even when older rows of it were claimed', () => {
    const rows = claimablePrefix([candidate(1, 'a'), candidate(2, 'a', false), candidate(3, 'a')]);
    expect(rows.map((r) => r.seq)).toEqual(['1']);
  });
});
