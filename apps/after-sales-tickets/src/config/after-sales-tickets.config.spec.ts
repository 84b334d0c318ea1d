import { loadConfig } from '@merchant-pulse/config';
import { AfterSalesTicketsConfig, DEVELOPMENT_SURVEY_SECRET } from './after-sales-tickets.config';

const production = {
  NODE_ENV: 'production',
  API_KEYS: JSON.stringify([{ id: 'k', sha256: 'a'.repeat(64), scopes: ['*'] }]),
  METRICS_TOKEN: 'm'.repeat(40),
};

describe(AfterSalesTicketsConfig.name, () => {
  it('should use the development survey secret outside production', () => {
    expect(loadConfig(AfterSalesTicketsConfig, {}).SURVEY_TOKEN_SECRET).toBe(DEVELOPMENT_SURVEY_SECRET);
  });

  it('should refuse to start in production with the development survey secret, naming the key', () => {
    expect(() => loadConfig(AfterSalesTicketsConfig, production)).toThrow(/SURVEY_TOKEN_SECRET/);
  });

  it('should refuse a short survey secret in production and accept a generated one', () => {
    expect(() =>
      loadConfig(AfterSalesTicketsConfig, { ...production, SURVEY_TOKEN_SECRET: 'short' }),
    ).toThrow(/SURVEY_TOKEN_SECRET/);
    const secret = 'k9'.repeat(20);
    expect(
      loadConfig(AfterSalesTicketsConfig, { ...production, SURVEY_TOKEN_SECRET: secret }).SURVEY_TOKEN_SECRET,
    ).toBe(secret);
  });
});
