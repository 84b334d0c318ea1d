import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { OfferSpec, OutreachFunnelCounts, OutreachPurpose } from './outreach-scheduler';

/**
 * States of a send record. `scheduled` → (`held` ⇄) → `sending` → `delivered` (SMS/email accepted) |
 * `sent` (phone task created) | `failed`; or `skipped` (a guard), `expired`, `cancelled`. A record left in
 * `sending` means a process died between handing the message over and recording it: it is never sent
 * again (at most once), it is closed as `failed` with detail `interrupted`. `unknown`: the provider timed
 * out after the request left; the next attempt asks the provider by the idempotency key first and ends
 * `delivered` (it had it) or goes back to `scheduled` (it did not) — effectively once across timeouts.
 */
export type SendState =
  | 'scheduled'
  | 'held'
  | 'sending'
  | 'unknown'
  | 'sent'
  | 'delivered'
  | 'failed'
  | 'skipped'
  | 'expired'
  | 'cancelled';

/** States after which nothing is ever sent for the record again. */
export const FINAL_SEND_STATES: readonly SendState[] = [
  'sent',
  'delivered',
  'failed',
  'skipped',
  'expired',
  'cancelled',
];

/** One row of `outreach_send`. */
export interface SendRecord {
  id: string;
  campaignId: string;
  merchantId: string;
  enrolmentId: string;
  stepIndex: number;
  purpose: OutreachPurpose;
  templateId: string;
  plannedChannel: string;
  channel: string | null;
  state: SendState;
  skipReason: string | null;
  failureReason: string | null;
  detail: string | null;
  attempts: number;
  addressMasked: string | null;
  subject: string | null;
  body: string | null;
  providerMessageId: string | null;
  offer: OfferSpec | null;
  enrolledAt: Date;
  dueAt: Date;
  validUntil: Date;
  heldUntil: Date | null;
  sentAt: Date | null;
}

/** A new record at scheduling time. */
export type NewSendRecord = Pick<
  SendRecord,
  | 'id'
  | 'campaignId'
  | 'merchantId'
  | 'enrolmentId'
  | 'stepIndex'
  | 'purpose'
  | 'templateId'
  | 'plannedChannel'
  | 'offer'
  | 'enrolledAt'
  | 'dueAt'
  | 'validUntil'
>;

/** Fields a transition may set. */
export type SendPatch = Partial<
  Pick<
    SendRecord,
    | 'channel'
    | 'skipReason'
    | 'failureReason'
    | 'detail'
    | 'attempts'
    | 'addressMasked'
    | 'subject'
    | 'body'
    | 'providerMessageId'
    | 'heldUntil'
    | 'sentAt'
  >
>;

const COLUMNS: Record<keyof SendPatch, string> = {
  channel: 'channel',
  skipReason: 'skip_reason',
  failureReason: 'failure_reason',
  detail: 'detail',
  attempts: 'attempts',
  addressMasked: 'address_masked',
  subject: 'subject',
  body: 'body',
  providerMessageId: 'provider_message_id',
  heldUntil: 'held_until',
  sentAt: 'sent_at',
};

const SELECT = `SELECT id, campaign_id AS "campaignId", merchant_id AS "merchantId", enrolment_id AS "enrolmentId",
  step_index AS "stepIndex", purpose, template_id AS "templateId", planned_channel AS "plannedChannel", channel,
  state, skip_reason AS "skipReason", failure_reason AS "failureReason", detail, attempts,
  address_masked AS "addressMasked", subject, body, provider_message_id AS "providerMessageId", offer,
  enrolled_at AS "enrolledAt", due_at AS "dueAt", valid_until AS "validUntil", held_until AS "heldUntil",
  sent_at AS "sentAt" FROM outreach_send`;

/** The send records: one per (campaign, merchant, step), the ledger of what outreach did. */
@Injectable()
export class SendRecordRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Inserts records for new steps; existing ones (a repeated schedule) are left as they are. */
  async insertScheduled(records: readonly NewSendRecord[], now: Date): Promise<void> {
    if (records.length === 0) return;
    await this.dataSource.query(
      `INSERT INTO outreach_send (id, campaign_id, merchant_id, enrolment_id, step_index, purpose, template_id,
         planned_channel, offer, enrolled_at, due_at, valid_until, state, created_at, updated_at)
       SELECT u.*, 'scheduled', $13::timestamptz, $13::timestamptz FROM unnest($1::uuid[], $2::text[], $3::text[],
         $4::text[], $5::int[], $6::text[], $7::text[], $8::text[], $9::jsonb[], $10::timestamptz[],
         $11::timestamptz[], $12::timestamptz[]) AS u
       ON CONFLICT (campaign_id, merchant_id, step_index) DO NOTHING`,
      [
        records.map((r) => r.id),
        records.map((r) => r.campaignId),
        records.map((r) => r.merchantId),
        records.map((r) => r.enrolmentId),
        records.map((r) => r.stepIndex),
        records.map((r) => r.purpose),
        records.map((r) => r.templateId),
        records.map((r) => r.plannedChannel),
        records.map((r) => (r.offer ? JSON.stringify(r.offer) : null)),
        records.map((r) => r.enrolledAt),
        records.map((r) => r.dueAt),
        records.map((r) => r.validUntil),
        now,
      ],
    );
  }

  async find(campaignId: string, merchantId: string, stepIndex: number): Promise<SendRecord | null> {
    const rows: SendRecord[] = await this.dataSource.query(
      `${SELECT} WHERE campaign_id = $1 AND merchant_id = $2 AND step_index = $3`,
      [campaignId, merchantId, stepIndex],
    );
    return rows[0] ?? null;
  }

  async findById(id: string): Promise<SendRecord | null> {
    const rows: SendRecord[] = await this.dataSource.query(`${SELECT} WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  /**
   * Moves a record from one of `from` to `to` (compare-and-set): false when another worker (or a cancel)
   * moved it first, so exactly one of two racing deliveries wins.
   */
  async transition(
    id: string,
    from: readonly SendState[],
    to: SendState,
    patch: SendPatch,
    now: Date,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    const keys = Object.keys(patch) as Array<keyof SendPatch>;
    const sets = keys.map((k, i) => `${COLUMNS[k]} = $${i + 5}`);
    // Wrapped in a CTE: TypeORM answers a bare UPDATE … RETURNING with [rows, count], a SELECT with rows.
    const rows: unknown[] = await manager.query(
      `WITH changed AS (UPDATE outreach_send SET state = $3, updated_at = $4${sets.map((s) => `, ${s}`).join('')}
       WHERE id = $1 AND state = ANY($2::text[]) RETURNING id) SELECT id FROM changed`,
      [id, from, to, now, ...keys.map((k) => patch[k] ?? null)],
    );
    return rows.length > 0;
  }

  /** Serialises the sends of one merchant for the rest of the transaction (the frequency cap's count). */
  async lockMerchant(manager: EntityManager, merchantId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('outreach:' || $1))`, [merchantId]);
  }

  /** Marketing contacts made (or being made) to the merchant since `since`, across campaigns. */
  async recentMarketingContacts(manager: EntityManager, merchantId: string, since: Date): Promise<number> {
    const rows: Array<{ n: string }> = await manager.query(
      `SELECT count(*) AS n FROM outreach_send
        WHERE merchant_id = $1 AND purpose = 'marketing' AND sent_at >= $2
          AND state IN ('sending', 'unknown', 'sent', 'delivered')`,
      [merchantId, since],
    );
    return Number(rows[0].n);
  }

  /** Cancels the merchant's not-yet-sent records of a campaign; returns their step indexes. */
  async cancelPending(campaignId: string, merchantId: string, reason: string, now: Date): Promise<number[]> {
    const rows: Array<{ step_index: number }> = await this.dataSource.query(
      `WITH changed AS (UPDATE outreach_send SET state = 'cancelled', detail = $3, updated_at = $4
        WHERE campaign_id = $1 AND merchant_id = $2 AND state IN ('scheduled', 'held') RETURNING step_index)
       SELECT step_index FROM changed`,
      [campaignId, merchantId, reason.slice(0, 500), now],
    );
    return rows.map((r) => r.step_index);
  }

  /** Funnel counts of a campaign, from its send records and accepted offers. */
  async funnel(campaignId: string): Promise<OutreachFunnelCounts> {
    const [merchants] = await this.dataSource.query(
      `SELECT count(DISTINCT merchant_id) FILTER (WHERE state IN ('sent', 'delivered', 'failed'))::int AS contacted,
              count(DISTINCT merchant_id) FILTER (WHERE state = 'delivered')::int AS delivered,
              count(*) FILTER (WHERE state = 'failed')::int AS failed
         FROM outreach_send WHERE campaign_id = $1`,
      [campaignId],
    );
    const skipped: Array<{ reason: string; n: number }> = await this.dataSource.query(
      `SELECT coalesce(skip_reason, state) AS reason, count(*)::int AS n FROM outreach_send
        WHERE campaign_id = $1 AND state IN ('skipped', 'expired') GROUP BY 1`,
      [campaignId],
    );
    const byChannel: Array<{ channel: string; n: number }> = await this.dataSource.query(
      `SELECT channel, count(*)::int AS n FROM outreach_send
        WHERE campaign_id = $1 AND state IN ('sent', 'delivered') GROUP BY 1`,
      [campaignId],
    );
    const [offers] = await this.dataSource.query(
      `SELECT count(*)::int AS n, coalesce(sum(estimated_cost_minor), 0)::bigint AS cost
         FROM offer_acceptance WHERE campaign_id = $1 AND state = 'applied'`,
      [campaignId],
    );
    return {
      contacted: merchants.contacted,
      delivered: merchants.delivered,
      failed: merchants.failed,
      skippedByReason: Object.fromEntries(skipped.map((r) => [r.reason, r.n])),
      sendsByChannel: Object.fromEntries(byChannel.map((r) => [r.channel, r.n])),
      offersAccepted: offers.n,
      offerCostMinor: Number(offers.cost),
    };
  }
}
