import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { staleFiles, RULES_FILE } from './generate-manifests';
import { kafkaAccessFromCode } from './kafka-access';
import { K8sObject, kustomizeBuild } from './kustomize';
import { SERVICES } from './service-manifests';

const root = join(__dirname, '..', '..');
const OVERLAYS = ['k8s/base', 'k8s/overlays/dev', 'k8s/overlays/prod'];

/** Schema errors per object (tools/k8s/validate-objects.mjs, a plain-ESM child process). */
function validate(objects: object[]): Array<{ id: string; errors: string[] }> {
  const out = execFileSync(process.execPath, [join(__dirname, 'validate-objects.mjs')], {
    input: JSON.stringify(objects),
    encoding: 'utf8',
  });
  return JSON.parse(out);
}

const find = (objects: K8sObject[], kind: string, name: string) =>
  objects.find((o) => o.kind === kind && o.metadata.name === name) as any;

describe('Kubernetes manifests (offline: kustomize build + schema validation)', () => {
  const built = new Map(OVERLAYS.map((dir) => [dir, kustomizeBuild(join(root, dir))]));

  it.each(OVERLAYS)('should build %s and validate every object against its schema', (dir) => {
    const objects = built.get(dir)!;
    expect(objects.length).toBeGreaterThan(60);
    expect(validate(objects)).toEqual([]);
  });

  it('should report a broken manifest (wrong type, v1beta2 field, unknown kind) when validating', () => {
    const objects = structuredClone(built.get('k8s/base')!);
    find(objects, 'Deployment', 'churn-scoring-worker').spec.replicas = 'two';
    find(objects, 'KafkaUser', 'churn-scoring').spec.authorization.acls[0].operation = 'Read';
    find(objects, 'Kafka', 'pulse-kafka').spec.kafka.replicas = 3;
    find(objects, 'ScaledObject', 'churn-scoring-worker').spec.maxReplicaCount = 'many';
    const errors = validate([
      ...objects,
      { apiVersion: 'kafka.strimzi.io/v1beta2', kind: 'KafkaTopic', metadata: { name: 'x' } },
    ]);
    expect(errors.map((e) => e.id).sort()).toEqual(
      [
        'Deployment/churn-scoring-worker (apps/v1)',
        'Kafka/pulse-kafka (kafka.strimzi.io/v1)',
        'KafkaTopic/x (kafka.strimzi.io/v1beta2)',
        'KafkaUser/churn-scoring (kafka.strimzi.io/v1)',
        'ScaledObject/churn-scoring-worker (keda.sh/v1alpha1)',
      ].sort(),
    );
    expect(errors.find((e) => e.id.startsWith('KafkaTopic/x'))!.errors).toEqual([
      'no schema for kafka.strimzi.io/v1beta2 KafkaTopic',
    ]);
  });

  it('should fail the build when a kustomization uses an unsupported field or a patch misses its target', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kz-'));
    try {
      cpSync(join(root, 'k8s'), join(dir, 'k8s'), { recursive: true });
      const prod = join(dir, 'k8s/overlays/prod/kustomization.yaml');
      writeFileSync(prod, readFileSync(prod, 'utf8') + 'commonLabels: { a: b }\n');
      expect(() => kustomizeBuild(join(dir, 'k8s/overlays/prod'))).toThrow(
        /unsupported kustomization field "commonLabels"/,
      );
      const dev = join(dir, 'k8s/overlays/dev/kustomization.yaml');
      writeFileSync(dev, readFileSync(dev, 'utf8').replace('name: controller }', 'name: controllers }'));
      expect(() => kustomizeBuild(join(dir, 'k8s/overlays/dev'))).toThrow(
        /KafkaNodePool\/controllers matched 0/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('should build the same objects as kubectl kustomize when kubectl is installed', () => {
    const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
    // Not part of the project's installs (no registry ships a current kustomize); where it exists
    // (this machine), it proves the TypeScript builder means what kustomize means.
    const key = (o: K8sObject) => `${o.kind}/${o.metadata.name}`;
    for (const dir of OVERLAYS) {
      const ours = new Map(built.get(dir)!.map((o) => [key(o), o]));
      if (kubectl.status !== 0) {
        expect(ours.size).toBeGreaterThan(0);
        continue;
      }
      const text = execFileSync('kubectl', ['kustomize', join(root, dir)], { encoding: 'utf8' });
      const theirs = text.split(/^---$/m).map((d) => parse(d) as K8sObject);
      expect(new Map(theirs.map((o) => [key(o), o]))).toEqual(ours);
    }
  });

  it('should keep generated manifests and dashboards in step with their sources (npm run k8s:generate)', () => {
    expect(staleFiles(root)).toEqual([]);
  });

  it('should put the alert rule file unchanged into the PrometheusRule', () => {
    const rule = find(built.get('k8s/base')!, 'PrometheusRule', 'merchant-pulse');
    expect(rule.spec.groups).toEqual(parse(readFileSync(join(root, RULES_FILE), 'utf8')).groups);
  });
});

describe('Kafka users and ACLs', () => {
  const objects = kustomizeBuild(join(root, 'k8s/base'));
  const access = kafkaAccessFromCode(root);

  it.each(access)('should let $service write only its topics and read only what it consumes', (a) => {
    const user = find(objects, 'KafkaUser', a.service);
    expect(user.spec.authentication).toEqual({ type: 'scram-sha-512' });
    const acls = user.spec.authorization.acls as Array<{ resource: any; operations: string[] }>;
    const topics = (op: string) =>
      acls
        .filter((acl) => acl.resource.type === 'topic' && acl.operations.includes(op))
        .map((acl) => acl.resource.name)
        .sort();
    expect(topics('Write')).toEqual(a.writes);
    expect(topics('Read')).toEqual(a.reads);
    expect(acls.filter((acl) => acl.resource.type === 'group')).toEqual([
      {
        resource: { type: 'group', name: `${a.service}.`, patternType: 'prefix' },
        operations: ['Read', 'Describe'],
      },
    ]);
    expect(acls.every((acl) => acl.resource.patternType === 'literal' || acl.resource.type === 'group')).toBe(
      true,
    );
  });

  it('should derive reads from the apps and writes from the event registry and dead-letter twins', () => {
    const ingestion = access.find((a) => a.service === 'transaction-ingestion')!;
    expect(ingestion.reads).toEqual(['acquirer.transactions.v1', 'merchant.lifecycle.v1']);
    expect(ingestion.writes).toEqual(
      expect.arrayContaining([
        'merchant.activity.v1',
        'acquirer.transactions.dlq.v1',
        'merchant.lifecycle.dlq.v1',
      ]),
    );
    expect(ingestion.writes).not.toContain('churn.risk.v1');
    const churn = access.find((a) => a.service === 'churn-scoring')!;
    expect(churn.writes).toContain('churn.risk.v1');
    expect(churn.writes).not.toContain('merchant.activity.v1');
  });

  it('should give every consumer group of the code a name under its service prefix', () => {
    const sources = execFileSync('grep', ['-rhoE', "groupId: '[a-z.-]+'", join(root, 'apps')], {
      encoding: 'utf8',
    });
    for (const [, group] of sources.matchAll(/groupId: '([a-z.-]+)'/g)) {
      expect(access.some((a) => group.startsWith(a.groupPrefix))).toBe(true);
    }
  });
});

describe('workloads', () => {
  const objects = kustomizeBuild(join(root, 'k8s/overlays/prod'));

  it.each(SERVICES.map((s) => s.name))(
    'should run %s as HTTP and worker Deployments with a migrate Job',
    (name) => {
      const http = find(objects, 'Deployment', name);
      const worker = find(objects, 'Deployment', `${name}-worker`);
      const env = (d: any) =>
        Object.fromEntries(d.spec.template.spec.containers[0].env.map((e: any) => [e.name, e.value]));
      expect(env(http).RUN_CONSUMERS).toBe('false');
      expect(env(worker).RUN_CONSUMERS).toBe('true');
      for (const d of [http, worker]) {
        expect(d.spec.template.spec.containers[0].lifecycle.preStop.sleep.seconds).toBeGreaterThan(0);
        expect(d.spec.template.spec.initContainers).toBeUndefined();
        expect(d.spec.template.spec.containers[0].image).toMatch(
          /^registry\.example\.com\/merchant-pulse\/.+:0\.1\.0$/,
        );
      }
      const job = find(objects, 'Job', `${name}-migrate`);
      expect(job.spec.template.spec.containers[0].command).toContain('migration:run');
      expect(find(objects, 'Service', name).spec.selector['app.kubernetes.io/component']).toBe('http');
    },
  );

  it('should run the ops console as an HTTP Deployment without database or Kafka, calling the five services', () => {
    const bff = find(objects, 'Deployment', 'ops-console').spec.template.spec;
    const env = Object.fromEntries(bff.containers[0].env.map((e: any) => [e.name, e.value ?? e.valueFrom]));
    expect(Object.keys(env)).not.toEqual(expect.arrayContaining(['DATABASE_URL']));
    expect(Object.keys(env).filter((k) => k.startsWith('KAFKA_'))).toEqual([]);
    expect(env).toMatchObject({
      PORT: '3006',
      CHURN_URL: 'http://churn-scoring:3003',
      CAMPAIGNS_URL: 'http://reactivation-campaigns:3004',
      SESSION_SECRET: { secretKeyRef: { name: 'ops-console-secrets', key: 'SESSION_SECRET' } },
      CONSOLE_SERVICE_KEYS: { secretKeyRef: { name: 'ops-console-secrets', key: 'CONSOLE_SERVICE_KEYS' } },
    });
    expect(bff.containers[0].image).toBe('registry.example.com/merchant-pulse/ops-console:0.1.0');
    expect(find(objects, 'Job', 'ops-console-migrate')).toBeUndefined();
    expect(find(objects, 'Service', 'ops-console').spec.ports[0].port).toBe(3006);
    expect(find(objects, 'HorizontalPodAutoscaler', 'ops-console').spec.minReplicas).toBe(2);
  });

  it('should publish the ops console over HTTPS through an Ingress to its Service, which the network policy admits', () => {
    const ingress = find(objects, 'Ingress', 'ops-console');
    const [rule] = ingress.spec.rules;
    expect(ingress.spec.tls).toEqual([{ hosts: [rule.host], secretName: 'ops-console-tls' }]);
    expect(ingress.metadata.annotations['nginx.ingress.kubernetes.io/force-ssl-redirect']).toBe('true');
    const { service } = rule.http.paths[0].backend;
    const target = find(objects, 'Service', service.name);
    expect(target.spec.ports.map((p: any) => p.name)).toContain(service.port.name);
    // The controller's namespace reaches the pods behind that Service (their component label is `http`).
    const policy = find(objects, 'NetworkPolicy', 'services-api-ingress');
    expect(policy.spec.podSelector.matchLabels['app.kubernetes.io/component']).toBe(
      target.spec.selector['app.kubernetes.io/component'],
    );
    expect(ingress.spec.ingressClassName).toBe('nginx');
    expect(JSON.stringify(policy.spec.ingress)).toContain('"kubernetes.io/metadata.name":"ingress-nginx"');
  });

  it('should scale the ingestion and churn workers on consumer lag with KEDA', () => {
    for (const name of ['transaction-ingestion', 'churn-scoring']) {
      const scaled = find(objects, 'ScaledObject', `${name}-worker`);
      expect(scaled.spec.scaleTargetRef.name).toBe(`${name}-worker`);
      expect(scaled.spec.triggers[0].metadata.query).toContain('pulse_kafka_consumer_lag');
      expect(scaled.spec.triggers[0].metadata.query).toContain(`group=~"${name}\\\\..+"`);
      expect(find(objects, 'Deployment', `${name}-worker`).spec.replicas).toBeUndefined();
    }
  });

  it('should pin the Postgres image, schedule backups and protect Redis with a password and noeviction', () => {
    const pg = find(objects, 'Cluster', 'pulse-pg');
    expect(pg.spec.imageName).toMatch(/:\d+\.\d+$|@sha256:[0-9a-f]{64}$/);
    expect(find(objects, 'ScheduledBackup', 'pulse-pg-nightly').spec.cluster.name).toBe('pulse-pg');
    const redis = find(objects, 'StatefulSet', 'redis').spec.template.spec.containers[0];
    expect(redis.args).toEqual(expect.arrayContaining(['--requirepass', '$(REDIS_PASSWORD)', 'noeviction']));
  });

  it('should deny by default and open Postgres, Redis and metrics only to the pods that use them', () => {
    const policies = objects.filter((o) => o.kind === 'NetworkPolicy') as any[];
    const deny = policies.find((p) => p.metadata.name === 'default-deny');
    expect(deny.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    const metrics = policies.find((p) => p.metadata.name === 'services-metrics-ingress');
    expect(metrics.spec.ingress[0].from).toEqual([
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } },
    ]);
    const kafka = find(objects, 'Kafka', 'pulse-kafka').spec.kafka;
    expect(kafka.version).toMatch(/^4\./);
    expect(kafka.listeners).toEqual([
      expect.objectContaining({ authentication: { type: 'scram-sha-512' }, tls: true }),
    ]);
    expect(kafka.metricsConfig.type).toBe('jmxPrometheusExporter');
  });

  it('should use only the kafka.strimzi.io/v1 API for Strimzi resources', () => {
    const strimzi = objects.filter((o) => o.apiVersion.startsWith('kafka.strimzi.io/'));
    expect(new Set(strimzi.map((o) => o.apiVersion))).toEqual(new Set(['kafka.strimzi.io/v1']));
    expect(new Set(strimzi.map((o) => o.kind))).toEqual(
      new Set(['Kafka', 'KafkaNodePool', 'KafkaTopic', 'KafkaUser']),
    );
  });
});
