import { createEvent, EventOf, RawTransactionV1 } from '@merchant-pulse/contracts';

let sequence = 0;

/** A valid raw transaction (approved WeChat QR purchase of 100.00 CNY, now), with overrides. */
export function rawTx(overrides: Partial<RawTransactionV1> & Record<string, unknown> = {}): RawTransactionV1 {
  sequence += 1;
  return {
    acquirerId: 'acq-1',
    transactionId: `tx-${process.pid}-${sequence}`,
    merchantId: 'm-1',
    terminalId: 'T-1',
    occurredAt: new Date(Date.now() - 60_000).toISOString(),
    amountMinor: 10_000,
    currency: 'CNY',
    channel: 'qr_wechat',
    type: 'purchase',
    status: 'approved',
    responseCode: '00',
    entryMode: 'qr',
    ...overrides,
  } as RawTransactionV1;
}

/** MerchantRegistered for `merchantId` (Asia/Shanghai). */
export function merchantRegistered(merchantId: string): EventOf<'MerchantRegistered'> {
  return createEvent('MerchantRegistered', {
    merchantId,
    producer: 'merchant-registry',
    payload: {
      legalName: `Merchant ${merchantId}`,
      displayName: `Store ${merchantId}`,
      mcc: '5812',
      timezone: 'Asia/Shanghai',
      contactConsent: { sms: true, email: true, phoneTask: true },
      kind: 'business',
      status: 'active',
      registeredAt: new Date('2025-01-01T00:00:00Z').toISOString(),
    },
  });
}

/** FeePlanChanged: credit 60, debit 50 capped 2500, QR `qrBps`, from `effectiveFrom`. */
export function feePlanChanged(
  merchantId: string,
  qrBps: number,
  effectiveFrom = '2020-01-01T00:00:00.000Z',
): EventOf<'FeePlanChanged'> {
  return createEvent('FeePlanChanged', {
    merchantId,
    producer: 'merchant-registry',
    payload: {
      feePlanId: 'standard',
      planVersion: 1,
      terms: {
        rates: { credit: 60, debit: 50, qr_alipay: qrBps, qr_wechat: qrBps, unionpay_qr: 60 },
        debitCapMinor: 2500,
      },
      effectiveFrom,
    },
  });
}

/** An approved chip debit purchase (a card transaction, unlike the QR default), with overrides. */
export function approvedCardTx(
  overrides: Partial<RawTransactionV1> & Record<string, unknown> = {},
): RawTransactionV1 {
  return rawTx({ channel: 'debit', entryMode: 'chip', ...overrides });
}

/** A chip debit purchase declined because the card could not be read (`E1`), with overrides. */
export function cardReadFailureTx(
  overrides: Partial<RawTransactionV1> & Record<string, unknown> = {},
): RawTransactionV1 {
  return approvedCardTx({ status: 'declined', responseCode: 'E1', ...overrides });
}
