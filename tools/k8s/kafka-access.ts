import { deadLetterTopicOf, EventRegistry, Topics } from '@merchant-pulse/contracts';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What one service may do on Kafka: the source of its KafkaUser ACLs. */
export interface KafkaAccess {
  service: string;
  /** Topics it produces to: its events (EventRegistry) and the dead-letter twins of what it consumes. */
  writes: string[];
  /** Topics it consumes (`consumes` of its ServicePlatformModule). */
  reads: string[];
  /** Prefix of its consumer groups (`@KafkaBatchConsumer({ groupId: '<service>.…' })`). */
  groupPrefix: string;
}

/**
 * Topics a service writes that are not events of the registry: the ingestion REST gateway publishes
 * signed acquirer batches to acquirer.transactions.v1 (apps/transaction-ingestion/src/gateway).
 */
const RAW_WRITES: Record<string, string[]> = {
  'transaction-ingestion': [Topics.AcquirerTransactions],
};

const topicByKey = Topics as Record<string, string>;

/**
 * Reads each app's `consumes: [Topics.X, …]` from its app.module.ts (the list the platform enforces:
 * one handler per topic) and the producers from the contracts' EventRegistry, so the KafkaUser ACLs
 * in k8s/ are derived from the code and cannot drift from it.
 */
export function kafkaAccessFromCode(root: string): KafkaAccess[] {
  const apps = readdirSync(join(root, 'apps')).sort();
  return apps.flatMap((app) => {
    const source = readFileSync(join(root, 'apps', app, 'src', 'app.module.ts'), 'utf8');
    const service = /service:\s*'([a-z-]+)'/.exec(source)?.[1];
    if (service !== app) throw new Error(`apps/${app}/src/app.module.ts: service name "${service}" ≠ folder`);
    // Apps off Kafka (the ops console: REST calls and Redis only) get no KafkaUser at all.
    if (!/ServicePlatformModule\.forRoot/.test(source)) return [];
    if (/consumes:/.test(source) && !/consumes:\s*\[/.test(source)) {
      throw new Error(
        `apps/${app}/src/app.module.ts: write \`consumes\` as a literal [Topics.X, …] (the ACLs are read from it)`,
      );
    }
    const list = (/consumes:\s*\[([^\]]*)\]/.exec(source)?.[1] ?? '').replace(/\/\/.*$/gm, '');
    const reads = [...list.matchAll(/Topics\.(\w+)/g)].map(([, key]) => {
      if (!topicByKey[key]) throw new Error(`apps/${app}/src/app.module.ts: unknown Topics.${key}`);
      return topicByKey[key];
    });
    const produced = Object.values(EventRegistry)
      .filter((d) => d.producer === service)
      .map((d) => d.topic as string);
    const writes = [...produced, ...(RAW_WRITES[service] ?? []), ...reads.map(deadLetterTopicOf)];
    return { service, reads: uniqueSorted(reads), writes: uniqueSorted(writes), groupPrefix: `${service}.` };
  });
}

function uniqueSorted(values: string[]): string[] {
  return [...new Set(values)].sort();
}
