import { Injectable } from '@nestjs/common';
import { BgNbdParams } from '@merchant-pulse/bgnbd';
import { DataSource, EntityManager } from 'typeorm';
import { PopulationFit } from './population-model';

/** A stored, versioned population model. */
export interface ModelVersion {
  version: string;
  source: string;
  params: BgNbdParams;
  diagnostics: PopulationFit['diagnostics'];
  asOfDate: string;
  fittedAt: string;
}

type Row = Record<string, unknown>;

function toModel(r: Row): ModelVersion {
  return {
    version: String(r.version),
    source: String(r.source),
    params: r.params as BgNbdParams,
    diagnostics: r.diagnostics as PopulationFit['diagnostics'],
    asOfDate: String(r.as_of_date),
    fittedAt: new Date(r.fitted_at as string).toISOString(),
  };
}

/** Versioned BG/NBD population models; exactly one is current. */
@Injectable()
export class ModelVersionRepository {
  constructor(private readonly dataSource: DataSource) {}

  async current(db: Pick<EntityManager, 'query'> = this.dataSource): Promise<ModelVersion | null> {
    const rows: Row[] = await db.query(
      `SELECT version, source, params, diagnostics, to_char(as_of_date, 'YYYY-MM-DD') AS as_of_date, fitted_at FROM model_versions WHERE is_current AND kind = 'bgnbd'`,
    );
    return rows.length ? toModel(rows[0]) : null;
  }

  /**
   * Stores a fit as `bgnbd-<asOf>.<n>` and makes it current (one transaction, serialised by a table
   * lock); with `onlyIfNone`, returns the existing current model instead when there is one.
   */
  async saveAsCurrent(
    fit: PopulationFit,
    asOfDate: string,
    fittedAt: string,
    onlyIfNone = false,
  ): Promise<ModelVersion> {
    return this.dataSource.transaction(async (m) => {
      await m.query(`LOCK TABLE model_versions IN EXCLUSIVE MODE`);
      const existing = onlyIfNone ? await this.current(m) : null;
      if (existing) return existing;
      const [{ n }]: Array<{ n: string }> = await m.query(
        `SELECT count(*) AS n FROM model_versions WHERE as_of_date = $1 AND kind = 'bgnbd'`,
        [asOfDate],
      );
      const version = `bgnbd-${asOfDate}.${Number(n) + 1}`;
      await m.query(`UPDATE model_versions SET is_current = false WHERE is_current AND kind = 'bgnbd'`);
      await m.query(
        `INSERT INTO model_versions (version, source, params, diagnostics, as_of_date, fitted_at, is_current) VALUES ($1, $2, $3, $4, $5, $6, true)`,
        [
          version,
          fit.source,
          JSON.stringify(fit.params),
          JSON.stringify(fit.diagnostics),
          asOfDate,
          fittedAt,
        ],
      );
      return {
        version,
        source: fit.source,
        params: fit.params,
        diagnostics: fit.diagnostics,
        asOfDate,
        fittedAt,
      };
    });
  }
}
