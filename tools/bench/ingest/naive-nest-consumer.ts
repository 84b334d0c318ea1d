import 'reflect-metadata';
import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventPattern, MicroserviceOptions, Payload, Transport } from '@nestjs/microservices';
import { RawTransactionV1 } from '@merchant-pulse/contracts';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DataSource, EntitySchema } from 'typeorm';

/** The row the naive handler saves: the same `transactions` table as the pipeline. */
interface NaiveRow {
  acquirer_id: string;
  transaction_id: string;
  merchant_id: string;
  terminal_id: string;
  occurred_at: Date;
  local_date: string;
  amount_minor: number;
  fee_minor: number;
  currency: string;
  channel: string;
  type: string;
  status: string;
}

const text = { type: String } as const;
const NaiveTransaction = new EntitySchema<NaiveRow>({
  name: 'NaiveTransaction',
  tableName: 'transactions',
  columns: {
    acquirer_id: { ...text, primary: true },
    transaction_id: { ...text, primary: true },
    merchant_id: text,
    terminal_id: text,
    occurred_at: { type: 'timestamptz' },
    local_date: { type: 'date' },
    amount_minor: { type: 'bigint' },
    fee_minor: { type: 'bigint' },
    currency: text,
    channel: text,
    type: text,
    status: text,
  },
});

/**
 * The way a NestJS tutorial writes it: the stock Kafka transport (one message at a time, auto-commit),
 * an @EventPattern handler, class-validator on the DTO, one TypeORM `save` per event.
 */
export async function startNaiveConsumer(options: {
  brokers: string[];
  topic: string;
  groupId: string;
  databaseUrl: string;
  schema: string;
}) {
  const dataSource = new DataSource({
    type: 'postgres',
    url: options.databaseUrl,
    schema: options.schema,
    entities: [NaiveTransaction],
    synchronize: false,
    logging: false,
  });
  await dataSource.initialize();
  const repository = dataSource.getRepository(NaiveTransaction);

  @Controller()
  class NaiveTransactionsController {
    @EventPattern(options.topic)
    async handle(@Payload() data: unknown): Promise<void> {
      const dto = plainToInstance(RawTransactionV1, data);
      const errors = await validate(dto as object);
      if (errors.length > 0) return;
      const occurredAt = new Date(dto.occurredAt);
      await repository.save({
        acquirer_id: dto.acquirerId,
        transaction_id: dto.transactionId,
        merchant_id: dto.merchantId,
        terminal_id: dto.terminalId,
        occurred_at: occurredAt,
        local_date: occurredAt.toISOString().slice(0, 10),
        amount_minor: dto.amountMinor,
        fee_minor: 0,
        currency: dto.currency ?? 'CNY',
        channel: dto.channel,
        type: dto.type,
        status: dto.status,
      });
    }
  }

  @Module({ controllers: [NaiveTransactionsController] })
  class NaiveModule {}

  const app = await NestFactory.createMicroservice<MicroserviceOptions>(NaiveModule, {
    logger: false,
    transport: Transport.KAFKA,
    options: {
      client: { clientId: 'naive-bench', brokers: options.brokers },
      consumer: { groupId: options.groupId },
      subscribe: { fromBeginning: true },
      postfixId: '',
    },
  });
  await app.listen();
  return {
    close: async () => {
      await app.close();
      await dataSource.destroy();
    },
  };
}
