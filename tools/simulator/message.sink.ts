import type { SimMessage } from './transaction.stream';

/** Where `run` delivers messages: Kafka, the signed REST gateway, or nowhere (generation benchmark). */
export interface MessageSink {
  /** Delivers a batch; resolves once the system has acknowledged every message of it. */
  send(batch: SimMessage[]): Promise<void>;
  close(): Promise<void>;
}

/** Discards everything: measures generation speed alone (`--via none`). */
export class NullSink implements MessageSink {
  async send(): Promise<void> {}
  async close(): Promise<void> {}
}
