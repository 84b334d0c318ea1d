// Kafka admin listing: every topic on the cluster with its partition count.
//   node dist/tools/infra/list-topics.js [--prefix <p>] [--check]
// --check also verifies that every project topic (allTopicSpecs) exists with at least its
// partition count, and exits 1 naming the ones that do not.
import { allTopicSpecs } from '@merchant-pulse/contracts';

import { argValue, failureMessage, formatTable, partitionCounts, withAdmin } from './kafka-admin.helpers';
import { planTopicSync } from './topic-sync.plan';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const prefix = argValue(argv, 'prefix') ?? '';
  const counts = await withAdmin(async (admin) => partitionCounts(admin, await admin.listTopics()));
  const names = [...counts.keys()].filter((name) => name.startsWith(prefix)).sort();
  console.log(
    formatTable(
      ['topic', 'partitions'],
      names.map((name) => [name, String(counts.get(name))]),
    ),
  );
  console.log(`${names.length} topic(s)`);
  if (!argv.includes('--check')) return;
  const problems = planTopicSync(allTopicSpecs(prefix), counts).filter(
    (step) => step.action === 'create' || step.action === 'grow',
  );
  for (const step of problems) {
    console.error(
      `missing: ${step.topic} wants ${step.numPartitions} partitions, has ${step.currentPartitions ?? 'none'}`,
    );
  }
  if (problems.length > 0) process.exit(1);
  console.log(
    `check ok: all ${allTopicSpecs(prefix).length} project topics present with their partition counts`,
  );
}

main().catch((error: unknown) => {
  console.error(failureMessage('list-topics', error));
  process.exit(1);
});
