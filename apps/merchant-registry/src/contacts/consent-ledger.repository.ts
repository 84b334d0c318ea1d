import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ConsentLedgerEntry } from './consent.derivation';

/** The append-only consent ledger (one row per grant or withdrawal). */
@Injectable()
export class ConsentLedgerRepository {
  constructor(private readonly dataSource: DataSource) {}

  async append(
    manager: EntityManager,
    merchantId: string,
    entries: readonly ConsentLedgerEntry[],
  ): Promise<void> {
    if (entries.length === 0) return;
    await manager.query(
      `INSERT INTO consent_ledger (merchant_id, channel, purpose, granted, source, actor, recorded_at)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::boolean[], $5::text[], $6::text[], $7::timestamptz[])`,
      [
        merchantId,
        entries.map((e) => e.channel),
        entries.map((e) => e.purpose),
        entries.map((e) => e.granted),
        entries.map((e) => e.source),
        entries.map((e) => e.actor),
        entries.map((e) => e.recordedAt),
      ],
    );
  }

  /** The merchant's whole ledger in recorded order (oldest first). */
  async ledgerOf(
    merchantId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ConsentLedgerEntry[]> {
    return manager.query(
      `SELECT channel, purpose, granted, source, actor, recorded_at AS "recordedAt"
       FROM consent_ledger WHERE merchant_id = $1 ORDER BY id`,
      [merchantId],
    );
  }
}
