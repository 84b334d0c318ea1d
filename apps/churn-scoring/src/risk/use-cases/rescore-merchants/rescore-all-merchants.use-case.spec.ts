import { MetricsService } from '@merchant-pulse/observability';
import { MerchantActivityRepository } from '../../../activity/merchant-activity.repository';
import { ChurnScoringConfig } from '../../../config/churn-scoring.config';
import { RefitPopulationModelUseCase } from '../../../models/use-cases/refit-population-model/refit-population-model.use-case';
import { RiskMetrics } from '../../risk.metrics';
import { RescoreAllMerchantsUseCase } from './rescore-all-merchants.use-case';
import { RescoreMerchantsCommand } from './rescore-merchants.command';
import { RescoreMerchantsUseCase, RescoreOutcome } from './rescore-merchants.use-case';

const MERCHANTS = Array.from({ length: 23 }, (_, i) => `M${String(i).padStart(3, '0')}`);

/** A fake rescoring: random delays (or given ones), counts chunks in flight, optionally fails one chunk. */
class FakeRescore {
  inFlight = 0;
  maxInFlight = 0;
  running = 0;
  readonly started: string[][] = [];
  readonly committed: string[][] = [];
  /** `start:<chunk>` and `fail:<chunk>` in the order they happened. */
  readonly log: string[] = [];

  constructor(
    private readonly failOnChunk = -1,
    private readonly delayMs: (chunk: number) => number = () => Math.random() * 5,
  ) {}

  async execute(command: RescoreMerchantsCommand): Promise<RescoreOutcome> {
    const index = this.started.push([...command.merchantIds]) - 1;
    this.log.push(`start:${index}`);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await new Promise((r) => setTimeout(r, this.delayMs(index)));
      if (index === this.failOnChunk) {
        this.log.push(`fail:${index}`);
        throw new Error(`chunk ${index} failed`);
      }
      this.committed.push([...command.merchantIds]);
      return { scored: command.merchantIds.length, changed: command.merchantIds.length % 2 };
    } finally {
      this.inFlight--;
    }
  }
}

function useCase(rescore: FakeRescore, concurrency: number) {
  const activity = {
    merchantCount: async () => MERCHANTS.length,
    merchantIdsAfter: async (after: string, limit: number) =>
      MERCHANTS.filter((id) => id > after).slice(0, limit),
  } as unknown as MerchantActivityRepository;
  const models = {
    freshForRescoring: async () => ({ version: 'bgnbd-test', params: {} }),
  } as unknown as RefitPopulationModelUseCase;
  const config = Object.assign(new ChurnScoringConfig(), {
    RESCORE_CHUNK_SIZE: 5,
    RESCORE_CONCURRENCY: concurrency,
  });
  const metrics = new RiskMetrics(new MetricsService({ defaultMetrics: false }));
  return new RescoreAllMerchantsUseCase(
    activity,
    rescore as unknown as RescoreMerchantsUseCase,
    models,
    config,
    metrics,
  );
}

describe(RescoreAllMerchantsUseCase.name, () => {
  it.each([1, 2, 3])(
    'should rescore every merchant once with at most %i chunks in flight, reporting progress as chunks commit',
    async (concurrency) => {
      const rescore = new FakeRescore();
      const progress: Array<[number, number]> = [];

      const outcome = await useCase(rescore, concurrency).execute('2026-03-01', (done, total) => {
        progress.push([done, total]);
      });

      expect(rescore.committed.flat().sort()).toEqual(MERCHANTS);
      expect(rescore.maxInFlight).toBeLessThanOrEqual(concurrency);
      if (concurrency > 1) expect(rescore.maxInFlight).toBeGreaterThan(1);
      expect(outcome).toEqual({ scored: 23, changed: 5, modelVersion: 'bgnbd-test' });
      expect(progress).toHaveLength(5);
      expect(progress.map(([done]) => done)).toEqual(
        [...progress.map(([done]) => done)].sort((a, b) => a - b),
      );
      expect(progress[progress.length - 1]).toEqual([23, 23]);
    },
  );

  it('should fail with the chunk’s error, start no chunk after it and leave none running', async () => {
    // Chunk 1 fails at 1 ms while chunk 0 still runs (20 ms): the failure is seen first.
    const rescore = new FakeRescore(1, (chunk) => (chunk === 1 ? 1 : 20));

    await expect(useCase(rescore, 2).execute('2026-03-01')).rejects.toThrow('chunk 1 failed');

    expect(rescore.inFlight).toBe(0);
    expect(rescore.started).toHaveLength(2);
    expect(rescore.committed).toEqual([MERCHANTS.slice(0, 5)]); // chunk 0 finished before the throw
    expect(rescore.committed.flat()).not.toContain(MERCHANTS[5]);
  });

  it.each([1, 2, 3, 4, 5])(
    'should start at most the chunk whose ids it was reading once a chunk has failed, whatever the timing (run %i)',
    async () => {
      const rescore = new FakeRescore(1);

      await expect(useCase(rescore, 2).execute('2026-03-01')).rejects.toThrow('chunk 1 failed');

      expect(rescore.inFlight).toBe(0);
      const failedAt = rescore.log.indexOf('fail:1');
      expect(rescore.log.slice(failedAt).filter((e) => e.startsWith('start:')).length).toBeLessThanOrEqual(1);
      expect(rescore.committed.flat()).not.toContain(MERCHANTS[5]);
    },
  );

  it('should wait for the chunks in flight when a progress callback throws', async () => {
    const rescore = new FakeRescore();

    await expect(
      useCase(rescore, 2).execute('2026-03-01', () => {
        throw new Error('progress store down');
      }),
    ).rejects.toThrow('progress store down');

    expect(rescore.inFlight).toBe(0);
  });
});
