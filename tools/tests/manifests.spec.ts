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
    const declared = strimziTopics(readFileSync(join(root, 'k8s/kafka/topics.yaml'), 'utf8'));
    const byName = (a: { topic: string }, b: { topic: string }) => a.topic.localeCompare(b.topic);
    expect(declared.sort(byName)).toEqual(allTopicSpecs().sort(byName));
  });

  it('should give every service the same roles and schemas locally and in Kubernetes when bootstrapping Postgres', () => {
    const roles = (sql: string) => /ARRAY\[([^\]]+)\]/.exec(sql)![1].replace(/\s+/g, '');
    const local = readFileSync(join(root, 'tools/infra/postgres/bootstrap.sql'), 'utf8');
    const k8s = readFileSync(join(root, 'k8s/postgres/bootstrap.sql'), 'utf8');
    expect(roles(k8s)).toBe(roles(local));
    expect(roles(local)).toBe(
      "'merchant_registry','transaction_ingestion','churn_scoring','reactivation','after_sales'",
    );
  });
});
