import {
  boundedDetail,
  compactAnswer,
  expandAnswer,
  MAX_DETAIL_CHARS,
  MAX_STORED_ANSWER_BYTES,
} from './batch-answer.codec';
import { TransactionBatchResultDto } from './dto/transaction-batch.dto';

const items = [{ transactionId: 'tx-1' }, { transactionId: 'tx-2' }, { transactionId: 42 }, 'junk'];
const answer: TransactionBatchResultDto = {
  accepted: 1,
  rejected: 3,
  results: [
    { index: 0, transactionId: 'tx-1', status: 'accepted' },
    { index: 1, transactionId: 'tx-2', status: 'rejected', reason: 'non_positive_amount' },
    { index: 2, status: 'rejected', reason: 'schema_violation', detail: 'transactionId: must be an id' },
    { index: 3, status: 'rejected', reason: 'schema_violation', detail: 'the message must be a JSON object' },
  ],
};

describe(compactAnswer.name, () => {
  it('should give back the same answer from the stored copy and the same body when expanded', () => {
    const stored = compactAnswer(answer);

    expect(stored).toEqual({
      n: 4,
      r: { non_positive_amount: [1], schema_violation: [2, 3] },
      d: { 2: 'transactionId: must be an id', 3: 'the message must be a JSON object' },
    });
    expect(expandAnswer(JSON.parse(JSON.stringify(stored)), items)).toEqual(answer);
  });

  it('should store nothing per accepted item when the whole batch is accepted', () => {
    const all = Array.from({ length: 1_000 }, (_, i) => ({ transactionId: `tx-${i}` }));
    const accepted: TransactionBatchResultDto = {
      accepted: 1_000,
      rejected: 0,
      results: all.map((item, index) => ({ index, transactionId: item.transactionId, status: 'accepted' })),
    };
    const stored = compactAnswer(accepted);

    expect(JSON.stringify(stored).length).toBeLessThan(40);
    expect(expandAnswer(stored, all)).toEqual(accepted);
  });

  it('should keep only the reasons within the size cap when 1,000 rejections carry long details', () => {
    const detail = boundedDetail('x'.repeat(5_000))!;
    const rejected: TransactionBatchResultDto = {
      accepted: 0,
      rejected: 1_000,
      results: Array.from({ length: 1_000 }, (_, index) => ({
        index,
        status: 'rejected' as const,
        reason: index % 2 ? 'schema_violation' : 'non_positive_amount',
        detail,
      })),
    };
    const stored = compactAnswer(rejected);

    expect(Buffer.byteLength(JSON.stringify(stored))).toBeLessThanOrEqual(MAX_STORED_ANSWER_BYTES);
    expect(stored.d).toBeUndefined();
    const replay = expandAnswer(stored, []);
    expect(replay.results.map((r) => r.reason)).toEqual(rejected.results.map((r) => r.reason));
    expect(replay).toMatchObject({ accepted: 0, rejected: 1_000 });
  });
});

describe(boundedDetail.name, () => {
  it('should cut a detail to the limit when it is longer and keep it when it is not', () => {
    expect(boundedDetail('x'.repeat(5_000))).toHaveLength(MAX_DETAIL_CHARS);
    expect(boundedDetail('short')).toBe('short');
    expect(boundedDetail(undefined)).toBeUndefined();
  });
});
