/**
 * Every Kafka topic name in the system, and how many partitions the project creates it with.
 * Topic names appear nowhere else in the code (CONVENTIONS.md): import them from here.
 */
export const Topics = {
  /** Raw acquirer transactions, keyed by merchantId. Produced by acquirer systems and the ingestion REST gateway. */
  AcquirerTransactions: 'acquirer.transactions.v1',
  /** Merchant, terminal and fee-plan lifecycle. Produced by merchant-registry. */
  MerchantLifecycle: 'merchant.lifecycle.v1',
  /** Daily activity snapshots per (merchant, local date). Produced by transaction-ingestion. */
  MerchantActivity: 'merchant.activity.v1',
  /** Terminal health degradations and recoveries. Produced by transaction-ingestion. */
  TerminalHealth: 'terminal.health.v1',
  /** Churn risk changes. Produced by churn-scoring. */
  ChurnRisk: 'churn.risk.v1',
  /** Campaign outreach outcomes and reactivations. Produced by reactivation-campaigns. */
  CampaignOutreach: 'campaign.outreach.v1',
  /** Loyalty membership changes and redeemed rewards. Produced by reactivation-campaigns. */
  MerchantLoyalty: 'merchant.loyalty.v1',
  /** Support ticket lifecycle. Produced by after-sales-tickets. */
  SupportTickets: 'support.tickets.v1',
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];

/** The dead-letter twin of a topic: `acquirer.transactions.v1` → `acquirer.transactions.dlq.v1`. */
export function deadLetterTopicOf(topic: string): string {
  const match = /^(.*)\.(v\d+)$/.exec(topic);
  if (!match) throw new Error(`Topic "${topic}" does not end in a version suffix`);
  return `${match[1]}.dlq.${match[2]}`;
}

/** Partition counts: 12 for the raw transaction stream, 6 for every other topic and dead-letter twin. */
export function partitionsOf(topic: string): number {
  return topic === Topics.AcquirerTransactions ? 12 : 6;
}

/** Every topic the project creates (each main topic and its dead-letter twin) with its partition count. */
export function allTopicSpecs(prefix = ''): Array<{ topic: string; numPartitions: number }> {
  return Object.values(Topics).flatMap((topic) => [
    { topic: prefix + topic, numPartitions: partitionsOf(topic) },
    { topic: prefix + deadLetterTopicOf(topic), numPartitions: partitionsOf(deadLetterTopicOf(topic)) },
  ]);
}
