import { generateWorld } from './world.generator';

describe(generateWorld.name, () => {
  const world = generateWorld({ merchants: 400, seed: 42 });

  it('should produce the same world when the seed is the same', () => {
    expect(generateWorld({ merchants: 400, seed: 42 })).toEqual(world);
  });

  it('should produce a different world when the seed differs', () => {
    const other = generateWorld({ merchants: 400, seed: 43 });
    expect(other.merchants.map((m) => m.idNumber)).not.toEqual(world.merchants.map((m) => m.idNumber));
  });

  it('should give businesses a credit code and individuals none when generating merchants', () => {
    const misfits = world.merchants.filter(
      (m) =>
        !/^[A-Za-z0-9-]{1,32}$/.test(m.merchantId) ||
        (m.kind === 'business') !== (m.creditCode !== undefined),
    );
    expect(misfits).toEqual([]);
  });

  it('should mark sole proprietors with institution type 2 when they are individual businesses', () => {
    const sole = world.merchants.filter((m) => m.businessType === 'sole_proprietor');
    expect(sole.length).toBeGreaterThan(40);
    for (const m of sole) expect(m.creditCode!.slice(0, 2)).toBe('92');
  });

  it('should mix categories, legal forms and 1 to 3 terminals when generating many merchants', () => {
    const count = (pred: (m: (typeof world.merchants)[number]) => boolean) =>
      world.merchants.filter(pred).length;
    expect(count((m) => m.category === 'restaurant')).toBeGreaterThan(100);
    expect(count((m) => m.category === 'retail')).toBeGreaterThan(100);
    expect(count((m) => m.category === 'services')).toBeGreaterThan(40);
    expect(count((m) => m.kind === 'individual')).toBeGreaterThan(120);
    expect(count((m) => m.businessType === 'company')).toBeGreaterThan(60);
    const terminalCounts = new Set(world.merchants.map((m) => m.terminals.length));
    expect([...terminalCounts].sort()).toEqual([1, 2, 3]);
    const ids = world.merchants.flatMap((m) => m.terminals.map((t) => t.terminalId));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('should assign 15% gradual declines, 5% abrupt stops and about 4% failing terminals', () => {
    const { plannedTruth } = world;
    expect(plannedTruth.gradualDecline).toHaveLength(60);
    expect(plannedTruth.abruptStop).toHaveLength(20);
    const terminals = world.merchants.reduce((n, m) => n + m.terminals.length, 0);
    expect(plannedTruth.failingTerminals.length / terminals).toBeGreaterThan(0.025);
    expect(plannedTruth.failingTerminals.length / terminals).toBeLessThan(0.045);
    for (const d of plannedTruth.gradualDecline) {
      expect(d.declineStartDay).toBeLessThan(d.stopDay);
      expect(d.stopDay).toBeLessThanOrEqual(30);
    }
  });
});
