import { loadConfig } from '@merchant-pulse/config';
import { ReactivationCampaignsConfig } from './reactivation-campaigns.config';

const production = {
  NODE_ENV: 'production',
  API_KEYS: JSON.stringify([{ id: 'ops', sha256: 'a'.repeat(64), scopes: ['*'] }]),
  METRICS_TOKEN: 'm'.repeat(40),
};
const outreachSecrets = {
  REGISTRY_API_KEY: 'registry-secret-0123456789',
  SMTP_USER: 'mailer',
  SMTP_PASSWORD: 'mail-secret',
  SMS_GATEWAY_API_KEY: 'sms-secret-1',
  SURVEY_TOKEN_SECRET: 'care-survey-secret-0123456789',
};

describe(ReactivationCampaignsConfig.name, () => {
  it('should start with local defaults for every outreach key when nothing is set', () => {
    const config = loadConfig(ReactivationCampaignsConfig, {});
    expect(config).toMatchObject({ OUTREACH_MARKETING_CAP: 2, OUTREACH_CAP_WINDOW_DAYS: 7, SMTP_PORT: 2525 });
    expect(config.businessHours).toEqual({ startHour: 9, endHour: 20 });
  });

  it('should refuse to start in production without the SMTP, SMS gateway and registry credentials', () => {
    expect(() => loadConfig(ReactivationCampaignsConfig, production)).toThrow(
      /REGISTRY_API_KEY.*SMTP_USER.*SMTP_PASSWORD.*SMS_GATEWAY_API_KEY/s,
    );
    expect(loadConfig(ReactivationCampaignsConfig, { ...production, ...outreachSecrets }).SMTP_USER).toBe(
      'mailer',
    );
  });

  it('should refuse to start in production without the care survey link secret, naming the key', () => {
    const { SURVEY_TOKEN_SECRET: _omitted, ...withoutSurveySecret } = outreachSecrets;
    expect(() => loadConfig(ReactivationCampaignsConfig, { ...production, ...withoutSurveySecret })).toThrow(
      /SURVEY_TOKEN_SECRET/,
    );
    expect(loadConfig(ReactivationCampaignsConfig, {}).SURVEY_TOKEN_SECRET).toBeUndefined();
  });

  it('should name the key when business hours, rates or shares are malformed', () => {
    expect(() => loadConfig(ReactivationCampaignsConfig, { OUTREACH_BUSINESS_HOURS: '9-20' })).toThrow(
      /OUTREACH_BUSINESS_HOURS/,
    );
    expect(() => loadConfig(ReactivationCampaignsConfig, { OUTREACH_SMS_PER_SECOND: '0' })).toThrow(
      /OUTREACH_SMS_PER_SECOND/,
    );
    expect(() => loadConfig(ReactivationCampaignsConfig, { OFFER_MAX_COST_SHARE: 'lots' })).toThrow(
      /OFFER_MAX_COST_SHARE/,
    );
  });
});
