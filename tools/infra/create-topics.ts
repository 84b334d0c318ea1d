// Creates every project topic and its dead-letter twin with the partition counts from
// @merchant-pulse/contracts, idempotently (the cluster never auto-creates topics).
//   node dist/tools/infra/create-topics.js [--prefix <p>]
// Env: KAFKA_BROKERS (default 127.0.0.1:9092), KAFKA_REPLICATION_FACTOR (default 1).
import { allTopicSpecs } from '@merchant-pulse/contracts';
import { Admin } from 'kafkajs';

import {
  argValue,
  failureMessage,
  formatTable,
  partitionCounts,
  settledPartitionCounts,
  withAdmin,
} from './kafka-admin.helpers';
import { planTopicSync, TopicSyncStep } from './topic-sync.plan';

function replicationFactorFromEnv(): number {
  const raw = process.env.KAFKA_REPLICATION_FACTOR ?? '1';
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`KAFKA_REPLICATION_FACTOR must be a positive integer, got "${raw}"`);
  return value;
}

async function applyPlan(admin: Admin, plan: TopicSyncStep[], replicationFactor: number): Promise<void> {
  const toCreate = plan.filter((step) => step.action === 'create');
  if (toCreate.length > 0) {
    await admin.createTopics({
      waitForLeaders: true,
      topics: toCreate.map(({ topic, numPartitions }) => ({ topic, numPartitions, replicationFactor })),
    });
  }
  const toGrow = plan.filter((step) => step.action === 'grow');
  if (toGrow.length > 0) {
    await admin.createPartitions({
      topicPartitions: toGrow.map(({ topic, numPartitions }) => ({ topic, count: numPartitions })),
    });
  }
}

function describeStep(step: TopicSyncStep): string {
  switch (step.action) {
    case 'create':
      return 'created';
    case 'grow':
      return `grown from ${step.currentPartitions}`;
    case 'keep':
      return `has more than wanted (${step.numPartitions}), kept`;
    case 'ok':
      return 'exists';
  }
}

async function main(): Promise<void> {
  const prefix = argValue(process.argv.slice(2), 'prefix') ?? '';
  const replicationFactor = replicationFactorFromEnv();
  const specs = allTopicSpecs(prefix);
  const rows = await withAdmin(async (admin) => {
    const existing = await partitionCounts(
      admin,
      (await admin.listTopics()).filter((t) => specs.some((s) => s.topic === t)),
    );
    const plan = planTopicSync(specs, existing);
    await applyPlan(admin, plan, replicationFactor);
    const after = await settledPartitionCounts(admin, new Map(specs.map((s) => [s.topic, s.numPartitions])));
    return plan.map((step) => [step.topic, String(after.get(step.topic) ?? '?'), describeStep(step)]);
  });
  console.log(formatTable(['topic', 'partitions', 'action'], rows));
}

main().catch((error: unknown) => {
  console.error(failureMessage('create-topics', error));
  process.exit(1);
});
