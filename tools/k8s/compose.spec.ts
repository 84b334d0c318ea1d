import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import 'reflect-metadata';
import { consoleApiKeys, loadConfig } from '@merchant-pulse/config';
import { AfterSalesTicketsConfig } from '../../apps/after-sales-tickets/src/config/after-sales-tickets.config';
import { ChurnScoringConfig } from '../../apps/churn-scoring/src/config/churn-scoring.config';
import { MerchantRegistryConfig } from '../../apps/merchant-registry/src/config/merchant-registry.config';
import { OpsConsoleConfig } from '../../apps/ops-console/src/config/ops-console.config';
import { ReactivationCampaignsConfig } from '../../apps/reactivation-campaigns/src/config/reactivation-campaigns.config';
import { TransactionIngestionConfig } from '../../apps/transaction-ingestion/src/config/transaction-ingestion.config';
import { DASHBOARDS } from './dashboards';

const root = join(__dirname, '..', '..');

interface ComposeService {
  image?: string;
  build?: unknown;
  volumes?: string[];
  depends_on?: Record<string, unknown> | string[];
  ports?: string[];
}

/** docker-compose.yml as compose reads it (merge keys resolved). No Docker here: structure only. */
function compose(): { services: Record<string, ComposeService>; volumes: Record<string, unknown> } {
  return parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true });
}

/** tools/infra/docker/local.env as compose reads it (`KEY=value`, single quotes kept literal). */
function localEnv(): Record<string, string> {
  return Object.fromEntries(
    readFileSync(join(root, 'tools/infra/docker/local.env'), 'utf8')
      .split('\n')
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => {
        const [key, ...rest] = line.split('=');
        return [key, rest.join('=').replace(/^'(.*)'$/, '$1')];
      }),
  );
}

const CONFIG_CLASSES: Record<string, new () => object> = {
  'merchant-registry': MerchantRegistryConfig,
  'transaction-ingestion': TransactionIngestionConfig,
  'churn-scoring': ChurnScoringConfig,
  'reactivation-campaigns': ReactivationCampaignsConfig,
  'after-sales-tickets': AfterSalesTicketsConfig,
  'ops-console': OpsConsoleConfig,
};

describe('docker-compose.yml (structure; validated without Docker)', () => {
  const file = compose();
  /** What a compose service's process sees: local.env, then its own `environment` (which wins). */
  const serviceEnv = (name: string): Record<string, string> => ({
    ...localEnv(),
    ...Object.fromEntries(
      Object.entries((file.services[name] as { environment: Record<string, unknown> }).environment).map(
        ([k, v]) => [k, String(v)],
      ),
    ),
  });

  it.each(Object.keys(CONFIG_CLASSES))(
    'should give %s an environment its production config accepts (env_file + environment)',
    (name) => {
      expect((file.services[name] as { env_file?: string[] }).env_file).toEqual([
        'tools/infra/docker/local.env',
      ]);
      const env = serviceEnv(name);
      expect(env.NODE_ENV).toBe('production');
      expect(() => loadConfig(CONFIG_CLASSES[name], env)).not.toThrow();
    },
  );

  it('should point the campaigns service at the registry and its mail relay inside the compose network', () => {
    const config = loadConfig(ReactivationCampaignsConfig, serviceEnv('reactivation-campaigns'));
    expect(config.REGISTRY_URL).toBe('http://merchant-registry:3001');
    expect(file.services).toHaveProperty(config.SMTP_HOST);
    // The registry knows the campaigns' key, with the scopes its calls need.
    const apiKeys = JSON.parse(localEnv().API_KEYS) as Array<{ sha256: string; scopes: string[] }>;
    const digest = createHash('sha256')
      .update(config.REGISTRY_API_KEY ?? '')
      .digest('hex');
    expect(apiKeys.find((k) => k.sha256 === digest)?.scopes).toEqual(
      expect.arrayContaining(['outreach:contact', 'merchants:read', 'merchants:write']),
    );
  });

  it('should give every service an image or a build, known dependencies and declared volumes', () => {
    const names = Object.keys(file.services);
    for (const [name, s] of Object.entries(file.services)) {
      expect({ name, runnable: Boolean(s.image || s.build) }).toEqual({ name, runnable: true });
      const deps = Array.isArray(s.depends_on) ? s.depends_on : Object.keys(s.depends_on ?? {});
      for (const dep of deps)
        expect({ name, dep, known: names.includes(dep) }).toEqual({ name, dep, known: true });
      for (const volume of s.volumes ?? []) {
        const source = volume.split(':')[0];
        const known = source.startsWith('./')
          ? existsSync(join(root, source))
          : source in (file.volumes ?? {});
        expect({ name, source, known }).toEqual({ name, source, known: true });
      }
      for (const port of s.ports ?? []) expect(port).toMatch(/^127\.0\.0\.1:\d+:\d+$/);
    }
  });

  it('should provision Grafana with the Prometheus data source and every dashboard', () => {
    const grafana = file.services.grafana;
    expect(grafana.volumes).toEqual(
      expect.arrayContaining([
        './deploy/grafana/provisioning:/etc/grafana/provisioning:ro',
        './deploy/grafana/dashboards:/var/lib/grafana/dashboards:ro',
      ]),
    );
    const datasources = parse(
      readFileSync(join(root, 'deploy/grafana/provisioning/datasources/prometheus.yml'), 'utf8'),
    );
    expect(datasources.datasources[0]).toMatchObject({ type: 'prometheus', url: 'http://prometheus:9090' });
    for (const d of DASHBOARDS) {
      const json = JSON.parse(readFileSync(join(root, `deploy/grafana/dashboards/${d.uid}.json`), 'utf8'));
      expect(json.uid).toBe(d.uid);
      expect(json.panels.length).toBe(d.panels.length);
    }
  });

  it("should give the services the console's role keys with the scopes of CONSOLE_ROLE_SCOPES when composing the ops console", () => {
    const env = localEnv();
    const keys = JSON.parse(env.CONSOLE_SERVICE_KEYS) as Parameters<typeof consoleApiKeys>[0];
    const apiKeys = JSON.parse(env.API_KEYS) as Array<{ id: string }>;
    expect(apiKeys.filter((k) => k.id.startsWith('ops-console-'))).toEqual(consoleApiKeys(keys));
    expect(JSON.parse(env.CONSOLE_USERS)).toHaveLength(5);
    const bff = file.services['ops-console'] as ComposeService & { environment: Record<string, unknown> };
    expect(bff.ports).toEqual(['127.0.0.1:3006:3006']);
    expect(bff.environment).toMatchObject({ PORT: 3006, CHURN_URL: 'http://churn-scoring:3003' });
  });

  it('should load the shared alert rules into the compose Prometheus', () => {
    expect(file.services.prometheus.volumes).toContain('./deploy/prometheus/rules:/etc/prometheus/rules:ro');
    const config = parse(readFileSync(join(root, 'tools/infra/prometheus/prometheus.yml'), 'utf8'));
    expect(config.rule_files).toEqual(['/etc/prometheus/rules/*.rules.yml']);
  });
});
