import { ApiProperty } from '@nestjs/swagger';

/** One audited access to a merchant's PII. */
export class PiiAccessView {
  @ApiProperty({ example: '42' })
  id: string;
  @ApiProperty({ example: '2026-03-01T02:00:00.000Z' })
  at: string;
  @ApiProperty({
    example: 'console:li.na via ops-console-account_manager',
    description:
      'API key id, or `<X-Actor> via <API key id>` when the caller named the person (e.g. the ops console)',
  })
  actor: string;
  @ApiProperty({ enum: ['reveal', 'search'] })
  action: 'reveal' | 'search';
  @ApiProperty({ example: 'M310115000000001', nullable: true, type: String })
  merchantId: string | null;
  @ApiProperty({ example: 'POST /v1/merchants/search by phone' })
  detail: string;
  @ApiProperty({ nullable: true, type: String })
  correlationId: string | null;
}

/** `GET /v1/merchants/{id}/pii-access`. */
export class PiiAccessPageView {
  @ApiProperty({ type: [PiiAccessView] })
  items: PiiAccessView[];
}
