import { Admin, Kafka } from 'kafkajs';

/**
 * Readiness probe for Kafka: a dedicated client and admin without retries (pass a client created
 * with `retries: 0`), reconnected after any failure, so a
 * stopped broker shows within the probe timeout and a restarted one is seen again on the next probe.
 */
export class KafkaHealthProbe {
  private admin?: Admin;

  constructor(private readonly kafka: Kafka) {}

  async describeCluster(): Promise<unknown> {
    try {
      if (!this.admin) {
        this.admin = this.kafka.admin({ retry: { retries: 0 } });
        await this.admin.connect();
      }
      return await this.admin.describeCluster();
    } catch (error) {
      const admin = this.admin;
      this.admin = undefined;
      await admin?.disconnect().catch(() => undefined);
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.admin?.disconnect().catch(() => undefined);
    this.admin = undefined;
  }
}
