import {
  ConflictException,
  ServiceUnavailableException,
  UnauthorizedException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { FakeClock } from '@merchant-pulse/clock';
import { EventProducer, OutgoingRecord } from '@merchant-pulse/kafka';
import { Logger } from '@merchant-pulse/observability';
import { TransactionIngestionConfig } from '../../../config/transaction-ingestion.config';
import { AcquirerSecrets } from '../../acquirer-secrets.resolver';
import { signBody } from '../../acquirer-signature';
import { StoredBatchAnswer } from '../../batch-answer.codec';
import { GatewayRedisStore, IdempotencyRecord } from '../../gateway-redis.store';
import { SubmitTransactionBatchCommand } from './submit-transaction-batch.command';
import { SubmitTransactionBatchUseCase } from './submit-transaction-batch.use-case';

const SECRET = 'unit-test-secret-0001';
const NOW = '2026-03-01T08:00:00.000Z';

/** The store's contract over two maps (Redis semantics without TTLs). */
class FakeStore {
  readonly signatures = new Set<string>();
  readonly keys = new Map<string, IdempotencyRecord>();
  async claimSignature(acquirerId: string, signature: string): Promise<boolean> {
    const key = `${acquirerId}:${signature}`;
    if (this.signatures.has(key)) return false;
    this.signatures.add(key);
    return true;
  }
  async releaseSignature(acquirerId: string, signature: string): Promise<void> {
    this.signatures.delete(`${acquirerId}:${signature}`);
  }
  async claimIdempotencyKey(acquirerId: string, key: string, bodySha256: string) {
    const held = this.keys.get(`${acquirerId}:${key}`);
    if (held) return held;
    this.keys.set(`${acquirerId}:${key}`, { state: 'pending', bodySha256 });
    return null;
  }
  async completeIdempotencyKey(
    acquirerId: string,
    key: string,
    bodySha256: string,
    answer: StoredBatchAnswer,
  ) {
    this.keys.set(`${acquirerId}:${key}`, { state: 'done', bodySha256, answer });
  }
  async releaseIdempotencyKey(acquirerId: string, key: string, bodySha256: string): Promise<void> {
    const held = this.keys.get(`${acquirerId}:${key}`);
    if (held?.state === 'pending' && held.bodySha256 === bodySha256) this.keys.delete(`${acquirerId}:${key}`);
  }
}

function setup() {
  const clock = new FakeClock(NOW);
  const store = new FakeStore();
  const produced: OutgoingRecord[] = [];
  const producer = { send: jest.fn(async (records: OutgoingRecord[]) => void produced.push(...records)) };
  const logger = { warn: jest.fn(), error: jest.fn() } as unknown as Logger;
  const useCase = new SubmitTransactionBatchUseCase(
    producer as unknown as EventProducer,
    store as unknown as GatewayRedisStore,
    new AcquirerSecrets(new Map([['acq-1', [SECRET]]])),
    Object.assign(new TransactionIngestionConfig(), { FUTURE_TOLERANCE_MS: 300_000 }),
    clock,
    logger,
  );
  const submit = (body: string, idempotencyKey?: string, at = clock.nowMs() / 1000) =>
    useCase.execute(
      new SubmitTransactionBatchCommand(
        'acq-1',
        Buffer.from(body),
        String(at),
        signBody(SECRET, String(at), body),
        idempotencyKey,
      ),
    );
  return { store, producer, produced, submit };
}

const tx = (transactionId: string, amountMinor = 100) =>
  ({
    acquirerId: 'acq-1',
    transactionId,
    merchantId: 'm-1',
    terminalId: 'T-1',
    occurredAt: '2026-03-01T07:59:00Z',
    amountMinor,
    currency: 'CNY',
    channel: 'qr_wechat',
    type: 'purchase',
    status: 'approved',
  }) as const;
const batch = (...items: object[]) => JSON.stringify({ transactions: items });

describe(SubmitTransactionBatchUseCase.name, () => {
  it('should refuse with 422 and produce nothing when an Idempotency-Key comes back with another body', async () => {
    const { submit, produced } = setup();
    await submit(batch(tx('tx-1')), 'key-1');

    await expect(submit(batch(tx('tx-2')), 'key-1', Date.parse(NOW) / 1000 - 1)).rejects.toThrow(
      UnprocessableEntityException,
    );
    expect(produced).toHaveLength(1);
  });

  it('should give back the stored answer without producing when the same key and body are re-signed', async () => {
    const { submit, produced } = setup();
    const body = batch(tx('tx-1'), tx('tx-2', 0));
    const first = await submit(body, 'key-1');

    const again = await submit(body, 'key-1', Date.parse(NOW) / 1000 - 1);

    expect(again).toEqual({ answer: first.answer, replayed: true });
    expect(first.replayed).toBe(false);
    expect(produced).toHaveLength(1);
  });

  it('should answer 409 when the same key and body arrive while the first request is still producing', async () => {
    const { submit, producer } = setup();
    let finish!: () => void;
    producer.send.mockImplementationOnce(
      () => new Promise<undefined>((resolve) => (finish = () => resolve(undefined))),
    );
    const body = batch(tx('tx-1'));
    const first = submit(body, 'key-1');
    await new Promise((resolve) => setImmediate(resolve));

    await expect(submit(body, 'key-1', Date.parse(NOW) / 1000 - 1)).rejects.toThrow(ConflictException);
    finish();
    await expect(first).resolves.toMatchObject({ replayed: false });
  });

  it('should release the signature and the key when the produce fails so the same request can be retried', async () => {
    const { submit, producer, produced, store } = setup();
    producer.send.mockRejectedValueOnce(new Error('broker down'));
    const body = batch(tx('tx-1'));

    await expect(submit(body, 'key-1')).rejects.toThrow(ServiceUnavailableException);
    expect(store.signatures.size).toBe(0);
    expect(store.keys.size).toBe(0);

    await expect(submit(body, 'key-1')).resolves.toMatchObject({ replayed: false });
    expect(produced).toHaveLength(1);
  });

  it('should still refuse a replayed signature when the first request was produced', async () => {
    const { submit } = setup();
    const body = batch(tx('tx-1'));
    await submit(body);

    await expect(submit(body)).rejects.toThrow(UnauthorizedException);
  });

  it('should name a transactionId in the result when the item is rejected before parsing completes', async () => {
    const { submit } = setup();
    const { answer } = await submit(batch({ ...tx('tx-9'), channel: 'cash' }));

    expect(answer.results[0]).toMatchObject({
      transactionId: 'tx-9',
      status: 'rejected',
      reason: 'schema_violation',
    });
  });
});
