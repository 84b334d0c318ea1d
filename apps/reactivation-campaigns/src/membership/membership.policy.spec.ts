import { decideTier, EXIT_SHARE, TIERS } from './membership.policy';
import type { MembershipTier } from '@merchant-pulse/contracts';

const gold = TIERS.find((t) => t.tier === 'gold')!;
const inputs = (volume: number, tenureDays = 365, valueTier: string | null = 'mid') => ({
  trailingVolumeMinor: volume,
  tenureDays,
  valueTier,
});

describe(decideTier.name, () => {
  it('should promote at once to the highest tier whose entry volume and tenure are met', () => {
    expect(decideTier('standard', inputs(60_000_000)).tier).toBe('vip');
    expect(decideTier(null, inputs(60_000_000, 100)).tier).toBe('gold'); // vip needs 180 days
  });

  it('should not flap when volume oscillates around a threshold (hysteresis)', () => {
    let tier: MembershipTier = 'silver';
    const history: MembershipTier[] = [];
    for (let week = 0; week < 20; week++) {
      const wobble = week % 2 === 0 ? 1.05 : 0.9; // ±5–10% around the gold entry
      tier = decideTier(tier, inputs(gold.entryVolumeMinor * wobble)).tier;
      history.push(tier);
    }
    expect(new Set(history)).toEqual(new Set(['gold']));
  });

  it('should demote only below the exit threshold, to the highest tier still held by its exit', () => {
    expect(decideTier('gold', inputs(gold.entryVolumeMinor * EXIT_SHARE)).tier).toBe('gold');
    const dropped = decideTier('gold', inputs(gold.entryVolumeMinor * EXIT_SHARE - 1));
    expect(dropped.tier).toBe('silver');
    expect(dropped.reason).toMatch(/below gold exit/);
    expect(decideTier('vip', inputs(0)).tier).toBe('standard');
  });

  it('should count a high value tier as gold volume when tenure allows', () => {
    expect(decideTier('standard', inputs(0, 120, 'high')).tier).toBe('gold');
    expect(decideTier('standard', inputs(0, 10, 'high')).tier).toBe('standard');
  });
});
