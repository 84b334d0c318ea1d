import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Request body of the signed batch API (documentation: the handler verifies and parses the raw bytes itself). */
export class TransactionBatchRequestDto {
  @ApiProperty({
    description:
      'Up to 1,000 raw transactions (acquirer.transactions.v1 shape); acquirerId must match the path.',
    example: [
      {
        acquirerId: 'acq-1',
        transactionId: 'tx-000001',
        merchantId: 'm-0001',
        terminalId: 'T-0001',
        occurredAt: '2026-03-01T06:05:09Z',
        amountMinor: 12800,
        currency: 'CNY',
        channel: 'qr_wechat',
        type: 'purchase',
        status: 'approved',
        responseCode: '00',
        entryMode: 'qr',
      },
    ],
  })
  transactions: object[];
}

/** Outcome of one item of the batch. */
export class BatchItemResultDto {
  @ApiProperty({ example: 0, description: 'Index of the item in the request.' })
  index: number;

  @ApiPropertyOptional({ example: 'tx-000001' })
  transactionId?: string;

  @ApiProperty({
    enum: ['accepted', 'rejected'],
    description: 'accepted = durably on the raw topic (acks from all replicas).',
  })
  status: 'accepted' | 'rejected';

  @ApiPropertyOptional({
    example: 'non_positive_amount',
    description: 'Dead-letter style reason code of a rejected item.',
  })
  reason?: string;

  @ApiPropertyOptional({ example: 'purchase amountMinor must be positive, got 0' })
  detail?: string;
}

/** 202 answer: every valid item was produced to Kafka before this was sent. */
export class TransactionBatchResultDto {
  @ApiProperty({ example: 999 })
  accepted: number;

  @ApiProperty({ example: 1 })
  rejected: number;

  @ApiProperty({ type: [BatchItemResultDto] })
  results: BatchItemResultDto[];
}
