import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { HazardModel } from './hazard/hazard-model';

/** What a stored hazard version was measured with (held-out period, promotion verdict, timings). */
export type HazardVersionMetrics = Record<string, unknown>;

/** A stored hazard model version. */
export interface HazardModelVersion {
  version: string;
  model: HazardModel;
  metrics: HazardVersionMetrics;
  asOfDate: string;
  fittedAt: string;
  isCurrent: boolean;
  promoted: boolean;
}

type Row = Record<string, unknown>;
const COLUMNS = `version, params, metrics, to_char(as_of_date, 'YYYY-MM-DD') AS as_of_date, fitted_at, is_current, promoted`;

function toVersion(r: Row): HazardModelVersion {
  return {
    version: String(r.version),
    model: r.params as HazardModel,
    metrics: (r.metrics ?? {}) as HazardVersionMetrics,
    asOfDate: String(r.as_of_date),
    fittedAt: new Date(r.fitted_at as string).toISOString(),
    isCurrent: r.is_current === true,
    promoted: r.promoted === true,
  };
}

/** Versioned hazard models in model_versions (kind `hazard`): every candidate is kept with its metrics; one is current. */
@Injectable()
export class HazardModelRepository {
  constructor(private readonly dataSource: DataSource) {}

  async current(db: Pick<EntityManager, 'query'> = this.dataSource): Promise<HazardModelVersion | null> {
    const rows: Row[] = await db.query(
      `SELECT ${COLUMNS} FROM model_versions WHERE kind = 'hazard' AND is_current`,
    );
    return rows.length ? toVersion(rows[0]) : null;
  }

  /** The latest versions, newest first. */
  async list(limit = 20): Promise<HazardModelVersion[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM model_versions WHERE kind = 'hazard' ORDER BY fitted_at DESC, version DESC LIMIT $1`,
      [limit],
    );
    return rows.map(toVersion);
  }

  /**
   * Stores a candidate as `<model.version base>.<n>` with its metrics; when `promote`, it becomes the
   * current hazard model (one transaction, serialised by a table lock).
   */
  async save(
    model: HazardModel,
    metrics: HazardVersionMetrics,
    asOfDate: string,
    fittedAt: string,
    promote: boolean,
  ): Promise<HazardModelVersion> {
    return this.dataSource.transaction(async (m) => {
      await m.query(`LOCK TABLE model_versions IN EXCLUSIVE MODE`);
      const [{ n }]: Array<{ n: string }> = await m.query(
        `SELECT count(*) AS n FROM model_versions WHERE kind = 'hazard' AND as_of_date = $1`,
        [asOfDate],
      );
      const version = model.version.replace('-v1+', `.${Number(n) + 1}+`);
      const stored: HazardModel = { ...model, version };
      if (promote)
        await m.query(`UPDATE model_versions SET is_current = false WHERE is_current AND kind = 'hazard'`);
      await m.query(
        `INSERT INTO model_versions (version, kind, source, params, diagnostics, metrics, as_of_date, fitted_at, is_current, promoted)
         VALUES ($1, 'hazard', 'trained', $2, $3, $4, $5, $6, $7, $7)`,
        [
          version,
          JSON.stringify(stored),
          JSON.stringify(stored.training),
          JSON.stringify(metrics),
          asOfDate,
          fittedAt,
          promote,
        ],
      );
      return { version, model: stored, metrics, asOfDate, fittedAt, isCurrent: promote, promoted: promote };
    });
  }
}
