import { InitReactivationCampaigns1763900000003 } from './migrations/1763900000003-InitReactivationCampaigns';

/** Every migration of reactivation-campaigns, in order. */
export const reactivationMigrations = [InitReactivationCampaigns1763900000003];
