import { HealthCheck, PublicHealthCheckError } from '@merchant-pulse/observability';
import { OpsConsoleConfig } from '../config/ops-console.config';
import { CONSOLE_SERVICES, serviceBaseUrls } from './console-services';

/**
 * One readiness check per service: it answers `GET /health/live` with 200. Liveness, not readiness:
 * the console is usable (and says which service is down) while one service waits for Kafka.
 */
export function serviceChecks(config: OpsConsoleConfig): HealthCheck[] {
  const urls = serviceBaseUrls(config);
  return CONSOLE_SERVICES.map((service) => ({
    name: service,
    check: async () => {
      const response = await fetch(`${urls[service]}/health/live`, { signal: AbortSignal.timeout(1500) });
      if (!response.ok) throw new PublicHealthCheckError(`${service} answered ${response.status}`);
    },
  }));
}
