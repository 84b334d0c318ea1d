import { OpsConsoleConfig } from '../config/ops-console.config';

/** The services the console calls, by their path segment in `/api/svc/{service}/…`. */
export const CONSOLE_SERVICES = ['registry', 'ingestion', 'churn', 'campaigns', 'tickets'] as const;
export type ConsoleService = (typeof CONSOLE_SERVICES)[number];

export function isConsoleService(name: string): name is ConsoleService {
  return (CONSOLE_SERVICES as readonly string[]).includes(name);
}

/** Each service's base URL from configuration (no trailing slash). */
export function serviceBaseUrls(config: OpsConsoleConfig): Record<ConsoleService, string> {
  const strip = (url: string) => url.replace(/\/+$/, '');
  return {
    registry: strip(config.REGISTRY_URL),
    ingestion: strip(config.INGESTION_URL),
    churn: strip(config.CHURN_URL),
    campaigns: strip(config.CAMPAIGNS_URL),
    tickets: strip(config.TICKETS_URL),
  };
}
