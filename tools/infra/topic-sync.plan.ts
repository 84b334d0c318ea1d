/** What the project wants for one topic. */
export interface TopicSpec {
  topic: string;
  numPartitions: number;
}

/**
 * One step of bringing the cluster to the wanted topics:
 * - `create`: missing, create it with `numPartitions`;
 * - `grow`: exists with fewer partitions, add partitions up to `numPartitions`
 *   (existing keys may move to other partitions: acceptable only because it happens before traffic);
 * - `ok`: exists with exactly `numPartitions`;
 * - `keep`: exists with more partitions; Kafka cannot shrink a topic, so it is left as is and reported.
 */
export interface TopicSyncStep extends TopicSpec {
  action: 'create' | 'grow' | 'ok' | 'keep';
  /** Partitions found before the step; undefined when the topic did not exist. */
  currentPartitions?: number;
}

/** Compares wanted topics with the partition counts that exist (by name) and says what to do for each. */
export function planTopicSync(
  specs: readonly TopicSpec[],
  existing: ReadonlyMap<string, number>,
): TopicSyncStep[] {
  return specs.map((spec) => {
    const currentPartitions = existing.get(spec.topic);
    if (currentPartitions === undefined) return { ...spec, action: 'create' };
    if (currentPartitions < spec.numPartitions) return { ...spec, action: 'grow', currentPartitions };
    if (currentPartitions > spec.numPartitions) return { ...spec, action: 'keep', currentPartitions };
    return { ...spec, action: 'ok', currentPartitions };
  });
}
