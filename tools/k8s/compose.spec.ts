import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
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

describe('docker-compose.yml (structure; validated without Docker)', () => {
  const file = compose();

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

  it('should load the shared alert rules into the compose Prometheus', () => {
    expect(file.services.prometheus.volumes).toContain('./deploy/prometheus/rules:/etc/prometheus/rules:ro');
    const config = parse(readFileSync(join(root, 'tools/infra/prometheus/prometheus.yml'), 'utf8'));
    expect(config.rule_files).toEqual(['/etc/prometheus/rules/*.rules.yml']);
  });
});
