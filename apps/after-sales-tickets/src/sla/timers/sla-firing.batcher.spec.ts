import { FiringBatcher } from './sla-firing.batcher';

describe(FiringBatcher.name, () => {
  it('should run jobs submitted together as one batch and give each its own result', async () => {
    const batches: number[][] = [];
    const batcher = new FiringBatcher<number, number>(
      async (jobs) => {
        batches.push(jobs);
        return jobs.map((j) => j * 10);
      },
      100,
      5,
    );
    const results = await Promise.all([1, 2, 3].map((j) => batcher.submit(j)));
    expect(results).toEqual([10, 20, 30]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('should start a new batch when one is full', async () => {
    const sizes: number[] = [];
    const batcher = new FiringBatcher<number, number>(
      async (jobs) => {
        sizes.push(jobs.length);
        return jobs;
      },
      2,
      1000,
    );
    await Promise.all([1, 2, 3, 4].map((j) => batcher.submit(j)));
    expect(sizes).toEqual([2, 2]);
  });

  it('should reject every job of a failed batch when the batch throws', async () => {
    const batcher = new FiringBatcher<number, number>(
      async () => {
        throw new Error('db down');
      },
      10,
      1,
    );
    await expect(Promise.all([batcher.submit(1), batcher.submit(2)])).rejects.toThrow('db down');
  });
});
