import { loadConfig } from '@merchant-pulse/config';
import { ReactivationCampaignsConfig } from './reactivation-campaigns.config';

const production = { NODE_ENV: 'production', API_KEYS: '[]', METRICS_TOKEN: 'x'.repeat(32) };

describe(`${ReactivationCampaignsConfig.name} (loyalty settings)`, () => {
  it('should default every loyalty setting when nothing is set', () => {
    const config = loadConfig(ReactivationCampaignsConfig, {});
    expect(config.LOYALTY_POINTS_VALID_MONTHS).toBe(12);
    expect(config.REFERRAL_QUALIFYING_DAYS).toBe(10);
    expect(config.REGISTRY_URL).toBe('http://127.0.0.1:3001');
  });

  it('should refuse to start in production without a registry API key, naming the key', () => {
    expect(() => loadConfig(ReactivationCampaignsConfig, production)).toThrow(/REGISTRY_API_KEY/);
  });

  it('should refuse a non-integer expiry period, naming the key', () => {
    expect(() => loadConfig(ReactivationCampaignsConfig, { LOYALTY_POINTS_VALID_MONTHS: 'soon' })).toThrow(
      /LOYALTY_POINTS_VALID_MONTHS/,
    );
  });
});
