import { assignArm, holdoutDraw } from './holdout';

describe(assignArm.name, () => {
  it('should give every store of one legal entity the same arm when the stores differ', () => {
    const arms = new Set(Array.from({ length: 5 }, () => assignArm('c-1', 'le-chain', 0.5)));
    expect(arms.size).toBe(1);
    expect(holdoutDraw('c-1', 'le-chain')).toBe(holdoutDraw('c-1', 'le-chain'));
  });

  it('should hold out about the configured share of legal entities when there are many', () => {
    const n = 20_000;
    let held = 0;
    for (let i = 0; i < n; i++) if (assignArm('campaign-x', `le-${i}`, 0.1) === 'holdout') held++;
    // Binomial(20000, 0.1): sd ≈ 42; 5 sd either side.
    expect(Math.abs(held - 2_000)).toBeLessThan(212);
  });

  it('should draw independently per campaign when the legal entity is the same', () => {
    let same = 0;
    for (let i = 0; i < 1_000; i++)
      if (assignArm('a', `le-${i}`, 0.5) === assignArm('b', `le-${i}`, 0.5)) same++;
    expect(same).toBeGreaterThan(400);
    expect(same).toBeLessThan(600);
  });

  it('should never hold out with a zero share and always draw in [0, 1)', () => {
    for (let i = 0; i < 500; i++) {
      expect(assignArm('c', `le-${i}`, 0)).toBe('treatment');
      const d = holdoutDraw('c', `le-${i}`);
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThan(1);
    }
  });
});
