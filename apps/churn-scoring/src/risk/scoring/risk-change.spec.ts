import { MerchantScore } from './merchant-scorer';
import { isRiskChange, riskChangedPayload } from './risk-change';
import type { StoredRisk } from '../merchant-risk.repository';

const next = {
  score: 60,
  band: 'high',
  behaviourTier: 'at_risk',
  valueTier: 'mid',
  reasons: [{ code: 'volume_drop', message: 'm', evidence: {} }],
  modelVersion: 'v1',
} as unknown as MerchantScore;
const stored = (over: Partial<StoredRisk>): StoredRisk =>
  ({ score: 55, band: 'high', behaviourTier: 'at_risk', valueTier: 'mid', ...over }) as StoredRisk;

describe(isRiskChange.name, () => {
  it('should not report a change when only the score moves within the band', () => {
    expect(isRiskChange(next, stored({}))).toBe(false);
  });

  it('should report a change when the band, behaviour tier or value tier differs or on the first score', () => {
    expect(isRiskChange(next, undefined)).toBe(true);
    expect(isRiskChange(next, stored({ band: 'medium' }))).toBe(true);
    expect(isRiskChange(next, stored({ behaviourTier: 'active' }))).toBe(true);
    expect(isRiskChange(next, stored({ valueTier: 'high' }))).toBe(true);
  });

  it('should carry the previous values in the payload when there was a previous score', () => {
    expect(
      riskChangedPayload(next, stored({ behaviourTier: 'active' }), '2026-01-01T00:00:00.000Z'),
    ).toMatchObject({ previousBehaviourTier: 'active', previousScore: 55, behaviourTier: 'at_risk' });
    expect(riskChangedPayload(next, undefined, '2026-01-01T00:00:00.000Z').previousScore).toBeUndefined();
  });
});
