import type { CustomerHistory } from '@merchant-pulse/bgnbd';
import { FakeClock } from '@merchant-pulse/clock';
import type { Logger } from '@merchant-pulse/observability';
import { MerchantActivityRepository } from '../../../activity/merchant-activity.repository';
import { ModelVersion, ModelVersionRepository } from '../../model-version.repository';
import { PopulationFit, PRIOR_PARAMS } from '../../population-model';
import { RefitPopulationModelCommand } from './refit-population-model.command';
import { RefitPopulationModelUseCase } from './refit-population-model.use-case';

const DAY_MS = 86_400_000;
const AS_OF = '2026-03-31';

/** In-memory model versions: `bgnbd-<asOf>.<n>`, the last saved is current. */
class FakeModelVersions {
  readonly saved: ModelVersion[] = [];
  constructor(private current_: ModelVersion | null = null) {}
  async current(): Promise<ModelVersion | null> {
    return this.current_;
  }
  async saveAsCurrent(fit: PopulationFit, asOfDate: string, fittedAt: string, onlyIfNone = false) {
    if (onlyIfNone && this.current_) return this.current_;
    const n = this.saved.filter((m) => m.asOfDate === asOfDate).length + 1;
    const { source, params, diagnostics } = fit;
    const model = { version: `bgnbd-${asOfDate}.${n}`, source, params, diagnostics, asOfDate, fittedAt };
    this.saved.push(model);
    this.current_ = model;
    return model;
  }
}

/** `repeat` merchants with varied repeat activity (a fit converges on them) plus two one-timers. */
function histories(repeat: number): CustomerHistory[] {
  const out = Array.from({ length: repeat }, (_, i) => {
    const T = 60 + (i % 30);
    const x = 1 + ((i * 7) % 40);
    return { x, tx: Math.max(1, T - 1 - ((i * 11) % 45)), T };
  });
  return [...out, { x: 0, tx: 0, T: 20 }, { x: 0, tx: 0, T: 45 }];
}

function stored(source: 'fitted' | 'prior', fittedAt: string): ModelVersion {
  return {
    version: `bgnbd-2026-03-01.1`,
    source,
    params: PRIOR_PARAMS,
    diagnostics: {} as ModelVersion['diagnostics'],
    asOfDate: '2026-03-01',
    fittedAt,
  };
}

function setup(current: ModelVersion | null, data: CustomerHistory[]) {
  const clock = new FakeClock('2026-04-01T00:00:00.000Z');
  const models = new FakeModelVersions(current);
  const loadHistories = jest.fn(async () => data);
  const useCase = new RefitPopulationModelUseCase(
    { loadHistories } as unknown as MerchantActivityRepository,
    models as unknown as ModelVersionRepository,
    clock,
    { info: jest.fn() } as unknown as Logger,
  );
  return { useCase, models, loadHistories, clock };
}

describe(RefitPopulationModelUseCase.name, () => {
  it('should refit before rescoring when the current model is the prior and enough merchants repeat', async () => {
    const { useCase, models } = setup(stored('prior', '2026-03-31T23:00:00.000Z'), histories(60));
    const model = await useCase.freshForRescoring(AS_OF, DAY_MS);
    expect(model).toMatchObject({ version: `bgnbd-${AS_OF}.1`, source: 'fitted', asOfDate: AS_OF });
    expect(model.params).not.toEqual(PRIOR_PARAMS);
    expect(models.saved).toHaveLength(1);
  });

  it('should keep a fitted model without reading activity when it is younger than the refit interval', async () => {
    const current = stored('fitted', '2026-03-31T01:00:00.000Z');
    const { useCase, models, loadHistories } = setup(current, histories(60));
    expect(await useCase.freshForRescoring(AS_OF, DAY_MS)).toBe(current);
    expect(loadHistories).not.toHaveBeenCalled();
    expect(models.saved).toHaveLength(0);
  });

  it('should refit a fitted model when it is older than the refit interval', async () => {
    const { useCase } = setup(stored('fitted', '2026-03-30T23:59:59.000Z'), histories(60));
    const model = await useCase.freshForRescoring(AS_OF, DAY_MS);
    expect(model).toMatchObject({ version: `bgnbd-${AS_OF}.1`, source: 'fitted' });
  });

  it('should keep the current prior without a new version when fewer than 30 merchants repeat', async () => {
    const current = stored('prior', '2026-03-01T00:00:00.000Z');
    const { useCase, models } = setup(current, histories(29));
    expect(await useCase.freshForRescoring(AS_OF, DAY_MS)).toBe(current);
    expect(models.saved).toHaveLength(0);
  });

  it('should store a first prior when there is no model yet and too little data to fit', async () => {
    const { useCase, models } = setup(null, histories(3));
    const model = await useCase.freshForRescoring(AS_OF, DAY_MS);
    expect(model).toMatchObject({ source: 'prior', params: PRIOR_PARAMS });
    expect(model.diagnostics.note).toMatch(/only 3 merchants with repeat activity/);
    expect(models.saved).toHaveLength(1);
  });

  it('should always fit and version a new model when asked to refit now', async () => {
    const { useCase, models } = setup(stored('fitted', '2026-03-31T23:00:00.000Z'), histories(60));
    await useCase.execute(new RefitPopulationModelCommand(AS_OF));
    const second = await useCase.execute(new RefitPopulationModelCommand(AS_OF));
    expect(second).toMatchObject({ version: `bgnbd-${AS_OF}.2`, source: 'fitted' });
    expect(models.saved).toHaveLength(2);
  });
});
