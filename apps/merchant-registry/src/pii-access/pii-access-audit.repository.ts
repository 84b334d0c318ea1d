import { Injectable } from '@nestjs/common';
import { currentCorrelationId } from '@merchant-pulse/observability';
import { DataSource } from 'typeorm';

/** One audited access to PII. */
export interface PiiAccessEntry {
  /** API key id that saw or searched, or `<X-Actor> via <key id>` for a person behind a shared key. */
  actor: string;
  action: 'reveal' | 'search';
  /** The merchant whose PII was revealed or matched; null for a search that matched nobody. */
  merchantId: string | null;
  /** What was accessed, e.g. `GET /v1/merchants/{id}` or `search by phone` (never the value searched). */
  detail: string;
}

/** A stored audit entry. */
export interface PiiAccessRecord extends PiiAccessEntry {
  id: string;
  at: string;
  correlationId: string | null;
}

/**
 * The append-only PII access audit. Written before the PII leaves the service: if the audit cannot be
 * written, the reveal fails (no unaudited access).
 */
@Injectable()
export class PiiAccessAuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  async append(entries: readonly PiiAccessEntry[], at: Date): Promise<void> {
    if (entries.length === 0) return;
    await this.dataSource.query(
      `INSERT INTO pii_access_audit (at, actor, action, merchant_id, detail, correlation_id)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[])`,
      [
        at,
        entries.map((e) => e.actor),
        entries.map((e) => e.action),
        entries.map((e) => e.merchantId),
        entries.map((e) => e.detail),
        entries.map(() => currentCorrelationId() ?? null),
      ],
    );
  }

  /** A merchant's audit entries, newest first. */
  async listByMerchant(merchantId: string, limit: number): Promise<PiiAccessRecord[]> {
    return this.dataSource.query(
      `SELECT id::text, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, actor, action,
              merchant_id AS "merchantId", detail, correlation_id AS "correlationId"
         FROM pii_access_audit WHERE merchant_id = $1 ORDER BY id DESC LIMIT $2`,
      [merchantId, limit],
    );
  }
}
