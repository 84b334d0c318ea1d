import { springFestivalOffset } from './sim-calendar';
import { terminalFailureRate, volumeMultiplier } from './transaction.stream';
import { generateWorld } from './world.generator';

describe('precursor mixes', () => {
  const start = '2026-01-05';
  const options = { merchants: 600, seed: 7, horizonDays: 240, start };

  it('should leave the legacy world exactly as it was (no precursors, no mix)', () => {
    const legacy = generateWorld({ merchants: 200, seed: 42 });
    expect(legacy.mix).toBeUndefined();
    expect(legacy.plannedTruth.precursors).toBeUndefined();
    expect(legacy.merchants.some((m) => m.breaks || m.feeIncrease || m.dip)).toBe(false);
    expect(generateWorld({ merchants: 200, seed: 42, mix: 'legacy' })).toEqual(legacy);
  });

  it('should be deterministic by seed and differ between mixes', () => {
    const street = generateWorld({ ...options, mix: 'street' });
    expect(generateWorld({ ...options, mix: 'street' })).toEqual(street);
    const festival = generateWorld({ ...options, mix: 'festival' });
    expect(festival.plannedTruth.precursors!.breaks.length).toBeGreaterThan(
      street.plannedTruth.precursors!.breaks.length,
    );
  });

  it('should plan failing terminals that ramp up before the stop, and fee leavers that stop near the effective date', () => {
    const world = generateWorld({ ...options, mix: 'decline' });
    const p = world.plannedTruth.precursors!;
    expect(p.terminalFailureStop).toHaveLength(36);
    const byId = new Map(world.merchants.map((m) => [m.merchantId, m]));
    for (const t of p.terminalFailureStop) {
      const m = byId.get(t.merchantId)!;
      expect(t.failureStartDay).toBeLessThan(t.stopDay);
      const terminal = m.terminals.find((x) => x.terminalId === t.terminalId)!;
      expect(terminalFailureRate(terminal, t.failureStartDay - 1)).toBe(0.002);
      expect(terminalFailureRate(terminal, t.stopDay - 1)).toBeGreaterThan(0.25);
      expect(volumeMultiplier(m, t.stopDay)).toBe(0);
    }
    const leavers = p.feeIncreases.filter((f) => f.leaves);
    expect(leavers.length).toBeGreaterThan(10);
    expect(leavers.length).toBeLessThan(p.feeIncreases.length);
    for (const f of leavers) {
      expect(f.stopDay! - f.effectiveDay).toBeGreaterThanOrEqual(-3);
      expect(f.announceDay).toBeLessThan(f.stopDay!);
    }
  });

  it('should close shops over the Spring Festival and reopen them afterwards', () => {
    const world = generateWorld({ ...options, mix: 'festival' });
    const sf = springFestivalOffset(start, 240)!;
    expect(world.plannedTruth.precursors!.springFestivalDay).toBe(sf);
    const closed = world.merchants.filter((m) => m.breaks?.some((b) => b.reason === 'spring_festival'));
    expect(closed.length).toBeGreaterThan(100);
    for (const m of closed) {
      const b = m.breaks!.find((x) => x.reason === 'spring_festival')!;
      expect(volumeMultiplier(m, b.startDay)).toBe(0);
      expect(volumeMultiplier(m, b.startDay + b.days)).toBeGreaterThan(0);
    }
  });
});
