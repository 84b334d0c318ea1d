import { Admin, Kafka, logLevel } from 'kafkajs';

/** Brokers from `KAFKA_BROKERS` (comma-separated), default `127.0.0.1:9092` (not `localhost`: IPv6-first resolution). */
export function brokersFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  const raw = env.KAFKA_BROKERS?.trim() || '127.0.0.1:9092';
  return raw
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker.length > 0);
}

/** Value following `--<name>` in argv (`--prefix it-42.`), or undefined when absent. */
export function argValue(argv: readonly string[], name: string): string | undefined {
  const index = argv.indexOf(`--${name}`);
  if (index < 0) return undefined;
  const value = argv[index + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`--${name} needs a value`);
  return value;
}

/** Options for {@link withAdmin}: quiet probes use `retries: 0` and `level: NOTHING`. */
export interface AdminOptions {
  brokers?: string[];
  retries?: number;
  connectionTimeoutMs?: number;
  /** kafkajs' default is 30 s: a probe of a port held by something else would hang that long. */
  requestTimeoutMs?: number;
  level?: logLevel;
}

/** Runs `work` with a connected kafkajs Admin and always disconnects, even when `work` throws. */
export async function withAdmin<T>(
  work: (admin: Admin) => Promise<T>,
  options: AdminOptions = {},
): Promise<T> {
  const kafka = new Kafka({
    clientId: 'merchant-pulse-infra',
    brokers: options.brokers ?? brokersFromEnv(),
    connectionTimeout: options.connectionTimeoutMs ?? 3000,
    requestTimeout: options.requestTimeoutMs ?? 30000,
    retry: { retries: options.retries ?? 3 },
    // Quiet by default: callers report failures in one line instead of kafkajs' JSON retry log.
    logLevel: options.level ?? logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

/** Partition count per topic name, for the given topics that exist. */
export async function partitionCounts(admin: Admin, topics: string[]): Promise<Map<string, number>> {
  if (topics.length === 0) return new Map();
  const metadata = await admin.fetchTopicMetadata({ topics });
  return new Map(metadata.topics.map((topic) => [topic.name, topic.partitions.length]));
}

/**
 * Partition counts once the broker's metadata shows at least `wanted` for every topic, or the last
 * counts seen after `timeoutMs`: in KRaft the controller acknowledges new partitions before the
 * broker's metadata cache has applied them.
 */
export async function settledPartitionCounts(
  admin: Admin,
  wanted: ReadonlyMap<string, number>,
  timeoutMs = 5000,
): Promise<Map<string, number>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await partitionCounts(admin, [...wanted.keys()]);
    const settled = [...wanted].every(([topic, n]) => (counts.get(topic) ?? 0) >= n);
    if (settled || Date.now() > deadline) return counts;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** One-line failure message for a CLI, with a hint when the broker is unreachable. */
export function failureMessage(tool: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const hint = /ECONNREFUSED|Connection error|ETIMEDOUT/.test(message)
    ? ` (is Kafka running at ${brokersFromEnv().join(',')}? try: npm run infra:up)`
    : '';
  return `${tool} failed: ${message}${hint}`;
}

/** Renders rows as a fixed-width text table with a header line. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]): string =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}
