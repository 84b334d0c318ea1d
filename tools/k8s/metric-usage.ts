import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DASHBOARDS } from './dashboards';
import { RULES_FILE } from './generate-manifests';

/**
 * Metrics the dashboards and alert rules query that no merged code registers yet, each with why.
 * Remove an entry once its service registers the metric (the unit spec then checks it statically).
 */
export const PENDING_METRICS: Record<string, string> = {
  // Empty: every metric the dashboards and alerts name is registered by some service.
};

/** Series suffixes Prometheus derives from one histogram. */
export function baseMetricName(series: string): string {
  return series.replace(/_(bucket|count|sum)$/, '');
}

/** Every `pulse_*` metric named in the dashboards and the alert rules, by base name (recording rules like `service:pulse_…:ratio` are not metrics). */
export function metricsUsedByDashboardsAndAlerts(root: string): Map<string, string[]> {
  const used = new Map<string, string[]>();
  const add = (where: string, expr: string) => {
    for (const [name] of expr.matchAll(/(?<![\w:])pulse_[a-z0-9_]+(?![\w:])/g)) {
      const base = baseMetricName(name);
      used.set(base, [...(used.get(base) ?? []), where]);
    }
  };
  for (const d of DASHBOARDS)
    for (const p of d.panels) for (const t of p.targets) add(`${d.uid}: ${p.title}`, t.expr);
  const rules = readFileSync(join(root, RULES_FILE), 'utf8');
  for (const line of rules.split('\n')) if (/^\s*expr:/.test(line)) add(RULES_FILE, line);
  return used;
}

/** The metric names registered in code: `counter|gauge|histogram('pulse_…'` and MetricsService's own. */
export function metricsRegisteredInCode(root: string): Set<string> {
  return new Set(metricOwners(root).keys());
}

/** Metric name → where it is registered: `libs` (every service exports it) or the app's folder name. */
export function metricOwners(root: string): Map<string, string> {
  const owners = new Map<string, string>();
  const walk = (dir: string, owner: (path: string) => string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (entry === 'node_modules' || entry === 'test') continue;
      if (statSync(path).isDirectory()) walk(path, owner);
      else if (entry.endsWith('.ts') && !/\.(spec|int-spec|fault-spec)\.ts$/.test(entry)) {
        const text = readFileSync(path, 'utf8');
        for (const [, name] of text.matchAll(/\.(?:counter|gauge|histogram)\(\s*'(pulse_[a-z0-9_]+)'/g))
          owners.set(name, owner(path));
      }
    }
  };
  walk(join(root, 'apps'), (path) => path.slice(join(root, 'apps').length + 1).split('/')[0]);
  walk(join(root, 'libs'), () => 'libs');
  return owners;
}
