import { allTopicSpecs, partitionsOf } from '@merchant-pulse/contracts';
import { KafkaAccess } from './kafka-access';

/** The deployment facts of one service. */
export interface ServiceSpec {
  name: string;
  port: number;
  /** Postgres schema (and owner role); the runtime role is `<schema>_app`. */
  schema: string;
  summary: string;
  /** Extra env of every container of the service (secrets it alone needs). */
  env?: object[];
  /** Extra volumes / mounts of its pods. */
  volumes?: object[];
  mounts?: object[];
  /** Extra env of the worker only (e.g. RUN_JOBS). */
  workerEnv?: object[];
  /** Worker autoscaling on consumer lag (KEDA); else a fixed replica count. */
  lagScaling?: { maxReplicas: number; lagPerReplica: number };
}

const secretEnv = (name: string, secret: string, key: string) => ({
  name,
  valueFrom: { secretKeyRef: { name: secret, key } },
});

export const SERVICES: ServiceSpec[] = [
  {
    name: 'merchant-registry',
    port: 3001,
    schema: 'merchant_registry',
    summary: 'Merchants, onboarding/KYC, terminals, fee plans, contacts.',
    env: [
      secretEnv('PII_ENCRYPTION_KEYS', 'merchant-registry-pii', 'PII_ENCRYPTION_KEYS'),
      { name: 'OBJECT_STORAGE_DIR', value: '/app/.data/registry-objects' },
    ],
    // KYC documents: a ReadWriteMany volume shared by all replicas (or replace with object storage).
    volumes: [
      { name: 'registry-objects', persistentVolumeClaim: { claimName: 'merchant-registry-objects' } },
    ],
    mounts: [{ name: 'registry-objects', mountPath: '/app/.data' }],
  },
  {
    name: 'transaction-ingestion',
    port: 3002,
    schema: 'transaction_ingestion',
    summary: 'Raw transactions, dedupe, fees, daily rollups, terminal health.',
    env: [secretEnv('ACQUIRER_SECRETS', 'transaction-ingestion-acquirers', 'ACQUIRER_SECRETS')],
    // One consumer per partition of acquirer.transactions.v1 at most.
    lagScaling: { maxReplicas: partitionsOf('acquirer.transactions.v1'), lagPerReplica: 5000 },
  },
  {
    name: 'churn-scoring',
    port: 3003,
    schema: 'churn_scoring',
    summary: 'Activity signals, BG/NBD + BG/BB models, risk scores, rescoring jobs (BullMQ).',
    workerEnv: [{ name: 'RUN_JOBS', value: 'true' }],
    lagScaling: { maxReplicas: partitionsOf('merchant.activity.v1'), lagPerReplica: 2000 },
  },
  {
    name: 'reactivation-campaigns',
    port: 3004,
    schema: 'reactivation',
    summary: 'Campaigns, audiences, holdouts, outreach, conversions, loyalty and care.',
    env: [
      secretEnv('REGISTRY_API_KEY', 'reactivation-campaigns-secrets', 'REGISTRY_API_KEY'),
      secretEnv('SMTP_USER', 'reactivation-campaigns-secrets', 'SMTP_USER'),
      secretEnv('SMTP_PASSWORD', 'reactivation-campaigns-secrets', 'SMTP_PASSWORD'),
      secretEnv('SMS_GATEWAY_API_KEY', 'reactivation-campaigns-secrets', 'SMS_GATEWAY_API_KEY'),
      secretEnv('SURVEY_TOKEN_SECRET', 'reactivation-campaigns-secrets', 'SURVEY_TOKEN_SECRET'),
    ],
  },
  {
    name: 'after-sales-tickets',
    port: 3005,
    schema: 'after_sales',
    summary: 'Tickets, SLA timers, assignments, surveys.',
    env: [
      secretEnv('SURVEY_TOKEN_SECRET', 'after-sales-tickets-secrets', 'SURVEY_TOKEN_SECRET'),
      secretEnv('PII_ENCRYPTION_KEYS', 'after-sales-tickets-secrets', 'PII_ENCRYPTION_KEYS'),
      { name: 'OBJECT_STORAGE_DIR', value: '/app/.data/tickets-objects' },
    ],
    // Ticket attachments (encrypted): a ReadWriteMany volume shared by all replicas.
    volumes: [
      { name: 'tickets-objects', persistentVolumeClaim: { claimName: 'after-sales-tickets-objects' } },
    ],
    mounts: [{ name: 'tickets-objects', mountPath: '/app/.data' }],
  },
];

/** Where Prometheus answers KEDA's queries (prometheus-operator's default Service in `monitoring`). */
export const PROMETHEUS_URL = 'http://prometheus-operated.monitoring.svc:9090';
export const KAFKA_CLUSTER = 'pulse-kafka';
const PART_OF = 'merchant-pulse';

const labels = (name: string, component: string) => ({
  'app.kubernetes.io/name': name,
  'app.kubernetes.io/component': component,
  'app.kubernetes.io/part-of': PART_OF,
});

const podSecurity = {
  runAsNonRoot: true,
  runAsUser: 1000, // `node` in the Node image (Dockerfile)
  runAsGroup: 1000,
  fsGroup: 1000,
  seccompProfile: { type: 'RuntimeDefault' },
};
const containerSecurity = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ['ALL'] },
};

/** Env every process of a service gets: shared config, API keys, its Kafka user, Redis with password. */
function commonEnv(s: ServiceSpec): { envFrom: object[]; env: object[] } {
  return {
    envFrom: [
      { configMapRef: { name: 'merchant-pulse-env' } },
      { secretRef: { name: 'merchant-pulse-api-keys' } },
    ],
    env: [
      { name: 'PORT', value: String(s.port) },
      secretEnv('DATABASE_URL', `pg-${s.name}-app`, 'DATABASE_URL'),
      secretEnv('REDIS_URL', 'redis-auth', 'REDIS_URL'),
      // SCRAM-SHA-512 over TLS: the KafkaUser of this service (Strimzi writes its password to a
      // Secret of the same name) and the cluster CA mounted below.
      { name: 'KAFKA_SASL_USERNAME', value: s.name },
      secretEnv('KAFKA_SASL_PASSWORD', s.name, 'password'),
      { name: 'KAFKA_SSL_CA_FILE', value: '/etc/kafka-ca/ca.crt' },
      ...(s.env ?? []),
    ],
  };
}

const volumes = (s: ServiceSpec) => [
  { name: 'tmp', emptyDir: { sizeLimit: '64Mi' } },
  {
    name: 'kafka-ca',
    secret: { secretName: `${KAFKA_CLUSTER}-cluster-ca-cert`, items: [{ key: 'ca.crt', path: 'ca.crt' }] },
  },
  ...(s.volumes ?? []),
];
const mounts = (s: ServiceSpec) => [
  { name: 'tmp', mountPath: '/tmp' },
  { name: 'kafka-ca', mountPath: '/etc/kafka-ca', readOnly: true },
  ...(s.mounts ?? []),
];

function deployment(s: ServiceSpec, role: 'http' | 'worker'): object {
  const name = role === 'http' ? s.name : `${s.name}-worker`;
  const { envFrom, env } = commonEnv(s);
  const roleEnv =
    role === 'http'
      ? [
          // HTTP only: no consumers, no outbox relay, no scheduled jobs (the worker runs them).
          { name: 'RUN_CONSUMERS', value: 'false' },
          ...(s.workerEnv ?? []).map((e) => ({ ...e, value: 'false' })),
        ]
      : [{ name: 'RUN_CONSUMERS', value: 'true' }, ...(s.workerEnv ?? [])];
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: labels(s.name, role) },
    spec: {
      ...(role === 'worker' && s.lagScaling ? {} : { replicas: role === 'http' ? 2 : 1 }),
      revisionHistoryLimit: 5,
      selector: { matchLabels: { 'app.kubernetes.io/name': s.name, 'app.kubernetes.io/component': role } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      template: {
        metadata: { labels: labels(s.name, role) },
        spec: {
          // preStop sleep (endpoints removal propagates) + graceful shutdown: finish the Kafka batch
          // in hand, commit, close.
          terminationGracePeriodSeconds: 45,
          securityContext: podSecurity,
          topologySpreadConstraints: [
            {
              maxSkew: 1,
              topologyKey: 'kubernetes.io/hostname',
              whenUnsatisfiable: 'ScheduleAnyway',
              labelSelector: {
                matchLabels: { 'app.kubernetes.io/name': s.name, 'app.kubernetes.io/component': role },
              },
            },
          ],
          containers: [
            {
              name: 'app',
              image: `merchant-pulse/${s.name}`,
              ports: [{ name: 'http', containerPort: s.port }],
              envFrom,
              env: [...env, ...roleEnv],
              lifecycle: { preStop: { sleep: { seconds: 10 } } },
              // Ready = Postgres, Kafka, Redis reachable (and, on workers, every consumer group joined).
              readinessProbe: {
                httpGet: { path: '/health/ready', port: 'http' },
                periodSeconds: 5,
                failureThreshold: 3,
              },
              // Live = the process answers (a consumer group crashed for longer than its grace fails it).
              livenessProbe: {
                httpGet: { path: '/health/live', port: 'http' },
                initialDelaySeconds: 10,
                periodSeconds: 10,
                failureThreshold: 6,
              },
              startupProbe: {
                httpGet: { path: '/health/live', port: 'http' },
                periodSeconds: 2,
                failureThreshold: 60,
              },
              resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '512Mi' } },
              securityContext: containerSecurity,
              volumeMounts: mounts(s),
            },
          ],
          volumes: volumes(s),
        },
      },
    },
  };
}

/** Pending migrations of the schema, as its owner, once per rollout (not an init-container race). */
function migrateJob(s: ServiceSpec): object {
  const { envFrom, env } = commonEnv(s);
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: `${s.name}-migrate`, labels: labels(s.name, 'migrate') },
    spec: {
      backoffLimit: 3,
      // Deleted 10 minutes after it finished, so the next release's apply can create it anew.
      ttlSecondsAfterFinished: 600,
      template: {
        metadata: { labels: labels(s.name, 'migrate') },
        spec: {
          restartPolicy: 'Never',
          securityContext: podSecurity,
          containers: [
            {
              name: 'migrate',
              image: `merchant-pulse/${s.name}`,
              command: [
                'node',
                'node_modules/typeorm/cli.js',
                'migration:run',
                '-d',
                `dist/apps/${s.name}/src/database/${s.name}.data-source.js`,
              ],
              envFrom,
              env: env.map((e) =>
                (e as { name: string }).name === 'DATABASE_URL'
                  ? secretEnv('DATABASE_URL', `pg-${s.name}`, 'DATABASE_URL')
                  : e,
              ),
              resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '512Mi' } },
              securityContext: containerSecurity,
              volumeMounts: mounts(s),
            },
          ],
          volumes: volumes(s),
        },
      },
    },
  };
}

function autoscaling(s: ServiceSpec): object[] {
  const http = {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: s.name, labels: labels(s.name, 'http') },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: s.name },
      minReplicas: 2,
      maxReplicas: 6,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
        },
      ],
    },
  };
  if (!s.lagScaling) return [http];
  // Lag of the service's groups, each partition counted once (after a rebalance a replica may still
  // export the last lag of a partition it lost, hence max by partition).
  const query = `sum(max by (topic, partition) (pulse_kafka_consumer_lag{group=~"${s.name}\\\\..+"}))`;
  return [
    http,
    {
      apiVersion: 'keda.sh/v1alpha1',
      kind: 'ScaledObject',
      metadata: { name: `${s.name}-worker`, labels: labels(s.name, 'worker') },
      spec: {
        scaleTargetRef: { name: `${s.name}-worker` },
        minReplicaCount: 1,
        // Replicas beyond the partition count would sit idle in the group.
        maxReplicaCount: s.lagScaling.maxReplicas,
        pollingInterval: 15,
        cooldownPeriod: 300,
        advanced: {
          horizontalPodAutoscalerConfig: {
            // Every scale event rebalances the consumer groups: scale down slowly.
            behavior: { scaleDown: { stabilizationWindowSeconds: 300 } },
          },
        },
        triggers: [
          {
            type: 'prometheus',
            metadata: {
              serverAddress: PROMETHEUS_URL,
              query,
              threshold: String(s.lagScaling.lagPerReplica),
              activationThreshold: '100',
            },
          },
        ],
      },
    },
  ];
}

/** Every object of one service, in apply order. */
export function serviceObjects(s: ServiceSpec): object[] {
  const objects: object[] = [
    migrateJob(s),
    deployment(s, 'http'),
    deployment(s, 'worker'),
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: s.name, labels: labels(s.name, 'http') },
      spec: {
        selector: { 'app.kubernetes.io/name': s.name, 'app.kubernetes.io/component': 'http' },
        ports: [{ name: 'http', port: s.port, targetPort: 'http' }],
      },
    },
    ...autoscaling(s),
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: s.name, labels: labels(s.name, 'http') },
      spec: {
        minAvailable: 1,
        selector: {
          matchLabels: { 'app.kubernetes.io/name': s.name, 'app.kubernetes.io/component': 'http' },
        },
      },
    },
  ];
  if (s.name === 'merchant-registry') {
    objects.push({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'merchant-registry-objects', labels: labels(s.name, 'storage') },
      spec: { accessModes: ['ReadWriteMany'], resources: { requests: { storage: '20Gi' } } },
    });
  }
  if (s.name === 'after-sales-tickets') {
    objects.push({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'after-sales-tickets-objects', labels: labels(s.name, 'storage') },
      spec: { accessModes: ['ReadWriteMany'], resources: { requests: { storage: '10Gi' } } },
    });
  }
  return objects;
}

/** The ops console (BFF + web app): HTTP only, no database, no Kafka; sessions in Redis. */
export const OPS_CONSOLE = {
  name: 'ops-console',
  port: 3006,
  summary: 'Ops console: sign-in, sessions (Redis), roles → service keys, proxy to the five APIs, web app.',
  /** The console's host name behind the cluster's ingress controller (an overlay patches in the real one). */
  host: 'ops-console.merchant-pulse.example',
  /** The TLS certificate Secret of that host (e.g. issued by cert-manager): sessions use Secure cookies. */
  tlsSecret: 'ops-console-tls',
};

/**
 * Every object of the ops console, in apply order: Deployment (component `http`, so the network policies,
 * PodMonitor and ingress of the services' APIs apply), Service, HPA, PDB, and the Ingress people use. It calls the five services by
 * their Services with its role keys; the services' `merchant-pulse-api-keys` must hold their hashes
 * (services/secrets.example.yaml).
 */
export function consoleObjects(): object[] {
  const { name, port } = OPS_CONSOLE;
  const url = (s: ServiceSpec) => `http://${s.name}:${s.port}`;
  const byName = (n: string) => SERVICES.find((s) => s.name === n)!;
  const http = deployment(
    {
      name,
      port,
      schema: '',
      summary: OPS_CONSOLE.summary,
      env: [
        { name: 'REGISTRY_URL', value: url(byName('merchant-registry')) },
        { name: 'INGESTION_URL', value: url(byName('transaction-ingestion')) },
        { name: 'CHURN_URL', value: url(byName('churn-scoring')) },
        { name: 'CAMPAIGNS_URL', value: url(byName('reactivation-campaigns')) },
        { name: 'TICKETS_URL', value: url(byName('after-sales-tickets')) },
        // Behind one ingress proxy: sign-in limits and the audit see the client's address.
        { name: 'TRUST_PROXY', value: '1' },
        secretEnv('SESSION_SECRET', 'ops-console-secrets', 'SESSION_SECRET'),
        secretEnv('CONSOLE_SERVICE_KEYS', 'ops-console-secrets', 'CONSOLE_SERVICE_KEYS'),
        secretEnv('CONSOLE_USERS', 'ops-console-secrets', 'CONSOLE_USERS'),
      ],
    },
    'http',
  ) as { spec: { template: { spec: { containers: Array<Record<string, unknown>>; volumes: object[] } } } };
  // No database and no Kafka: drop their env and the Kafka CA; keep PORT, Redis and the shared ConfigMap.
  const container = http.spec.template.spec.containers[0];
  const unused = [
    'DATABASE_URL',
    'KAFKA_SASL_USERNAME',
    'KAFKA_SASL_PASSWORD',
    'KAFKA_SSL_CA_FILE',
    'RUN_CONSUMERS',
  ];
  container.env = (container.env as Array<{ name: string }>).filter((e) => !unused.includes(e.name));
  container.volumeMounts = [{ name: 'tmp', mountPath: '/tmp' }];
  http.spec.template.spec.volumes = [{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }];
  container.resources = { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } };
  return [
    http,
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, labels: labels(name, 'http') },
      spec: {
        selector: { 'app.kubernetes.io/name': name, 'app.kubernetes.io/component': 'http' },
        ports: [{ name: 'http', port, targetPort: 'http' }],
      },
    },
    autoscaling({ name, port, schema: '', summary: OPS_CONSOLE.summary })[0],
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name, labels: labels(name, 'http') },
      spec: {
        minAvailable: 1,
        selector: { matchLabels: { 'app.kubernetes.io/name': name, 'app.kubernetes.io/component': 'http' } },
      },
    },
    // How people reach it: HTTPS only through the ingress-nginx controller (the network policy `services-api-ingress`
    // admits that namespace); plain HTTP is redirected, bodies are small (sign-in, outcomes, filters).
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: {
        name,
        labels: labels(name, 'http'),
        annotations: {
          'nginx.ingress.kubernetes.io/force-ssl-redirect': 'true',
          'nginx.ingress.kubernetes.io/proxy-body-size': '1m',
        },
      },
      spec: {
        ingressClassName: 'nginx',
        tls: [{ hosts: [OPS_CONSOLE.host], secretName: OPS_CONSOLE.tlsSecret }],
        rules: [
          {
            host: OPS_CONSOLE.host,
            http: {
              paths: [
                { path: '/', pathType: 'Prefix', backend: { service: { name, port: { name: 'http' } } } },
              ],
            },
          },
        ],
      },
    },
  ];
}

/** One KafkaUser per service: SCRAM-SHA-512, ACLs from {@link KafkaAccess}. */
export function kafkaUser(access: KafkaAccess): object {
  const topic = (name: string, operations: string[]) => ({
    resource: { type: 'topic', name, patternType: 'literal' },
    operations,
  });
  return {
    apiVersion: 'kafka.strimzi.io/v1',
    kind: 'KafkaUser',
    metadata: {
      name: access.service,
      labels: { 'strimzi.io/cluster': KAFKA_CLUSTER, 'app.kubernetes.io/part-of': PART_OF },
    },
    spec: {
      authentication: { type: 'scram-sha-512' },
      authorization: {
        type: 'simple',
        acls: [
          ...access.writes.map((t) => topic(t, ['Write', 'Describe'])),
          ...access.reads.map((t) => topic(t, ['Read', 'Describe'])),
          {
            resource: { type: 'group', name: access.groupPrefix, patternType: 'prefix' },
            operations: ['Read', 'Describe'],
          },
        ],
      },
    },
  };
}

/** Acquirer systems publishing raw transactions directly (not through the REST gateway). */
export function acquirerUser(): object {
  return kafkaUser({
    service: 'acquirer-systems',
    writes: ['acquirer.transactions.v1'],
    reads: [],
    groupPrefix: 'acquirer-systems.',
  });
}

/** Every topic and dead-letter twin with its partition count (Strimzi Topic Operator). */
export function kafkaTopics(): object[] {
  return allTopicSpecs().map(({ topic, numPartitions }) => ({
    apiVersion: 'kafka.strimzi.io/v1',
    kind: 'KafkaTopic',
    metadata: {
      name: topic.replace(/\./g, '-'),
      labels: { 'strimzi.io/cluster': KAFKA_CLUSTER, 'app.kubernetes.io/part-of': PART_OF },
    },
    spec: {
      topicName: topic,
      partitions: numPartitions,
      replicas: 3,
      config: {
        'min.insync.replicas': 2,
        // Dead letters are kept long enough to investigate and replay.
        'retention.ms': topic.includes('.dlq.') ? 2_592_000_000 : 604_800_000,
      },
    },
  }));
}
