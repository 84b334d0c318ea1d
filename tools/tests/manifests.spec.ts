import { allTopicSpecs } from '@merchant-pulse/contracts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

/** Pairs (topicName, partitions) from Strimzi KafkaTopic documents. */
function strimziTopics(yaml: string): Array<{ topic: string; numPartitions: number }> {
  return yaml
    .split(/^---$/m)
    .filter((doc) => /kind:\s*KafkaTopic/.test(doc))
    .map((doc) => ({
      topic: /topicName:\s*(\S+)/.exec(doc)![1],
      numPartitions: Number(/partitions:\s*(\d+)/.exec(doc)![1]),
    }));
}

describe('deployment manifests', () => {
  it('should declare exactly the contracts topics with their partition counts when deployed with Strimzi', () => {
    const declared = strimziTopics(readFileSync(join(root, 'k8s/base/kafka/topics.yaml'), 'utf8'));
    const byName = (a: { topic: string }, b: { topic: string }) => a.topic.localeCompare(b.topic);
    expect(declared.sort(byName)).toEqual(allTopicSpecs().sort(byName));
  });

  it('should give every service the same roles and schemas locally and in Kubernetes when bootstrapping Postgres', () => {
    const roles = (sql: string) => /ARRAY\[([^\]]+)\]/.exec(sql)![1].replace(/\s+/g, '');
    const local = readFileSync(join(root, 'tools/infra/postgres/bootstrap.sql'), 'utf8');
    const k8s = readFileSync(join(root, 'k8s/base/postgres/bootstrap.sql'), 'utf8');
    expect(roles(k8s)).toBe(roles(local));
    // Each schema's owner (migrations) and its DML-only runtime role `<schema>_app`.
    const schemas = [
      'merchant_registry',
      'transaction_ingestion',
      'churn_scoring',
      'reactivation',
      'after_sales',
    ];
    expect(roles(local)).toBe([...schemas, ...schemas.map((s) => `${s}_app`)].map((r) => `'${r}'`).join(','));
  });

  it('should cap Redis memory with noeviction wherever the project starts Redis when BullMQ shares it', () => {
    const read = (file: string) => readFileSync(join(root, file), 'utf8').replace(/['",\s-]+/g, ' ');
    for (const file of ['docker-compose.yml', 'k8s/base/redis/redis.yaml', 'tools/infra/infra-up.sh']) {
      const text = read(file);
      expect({ file, maxmemory: /maxmemory (\$\{REDIS_MAXMEMORY: )?\d+mb/.test(text) }).toEqual({
        file,
        maxmemory: true,
      });
      expect({ file, policy: /maxmemory policy noeviction/.test(text) }).toEqual({ file, policy: true });
    }
  });

  it('should provide ACQUIRER_SECRETS to transaction-ingestion in Kubernetes and compose when running in production mode', () => {
    const read = (file: string) => readFileSync(join(root, file), 'utf8');
    expect(read('k8s/base/services/secrets.example.yaml')).toMatch(/ACQUIRER_SECRETS: /);
    expect(read('k8s/base/services/transaction-ingestion.yaml').replace(/\s+/g, ' ')).toMatch(
      /name: ACQUIRER_SECRETS valueFrom: secretKeyRef: name: transaction-ingestion-acquirers key: ACQUIRER_SECRETS/,
    );
    expect(read('tools/infra/docker/local.env')).toMatch(/^ACQUIRER_SECRETS=\{"acq-1":\["[^"]{16,}"\]\}$/m);
  });
});
