import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccrualRule, RuleBasis } from './accrual-rules';

type Row = Record<string, string | number | null>;

/** Accrual rule versions (append-only by convention: a change is a new version with a later effective date). */
@Injectable()
export class LoyaltyRuleRepository {
  constructor(private readonly dataSource: DataSource) {}

  async all(db: Pick<EntityManager, 'query'> = this.dataSource): Promise<AccrualRule[]> {
    const rows: Row[] = await db.query(
      `SELECT rule_id, version, basis, points, per_minor, to_char(effective_from, 'YYYY-MM-DD') AS effective_from, description
         FROM loyalty_rules ORDER BY rule_id, version`,
    );
    return rows.map((r) => ({
      ruleId: String(r.rule_id),
      version: Number(r.version),
      basis: r.basis as RuleBasis,
      points: Number(r.points),
      perMinor: r.per_minor === null ? null : Number(r.per_minor),
      effectiveFrom: String(r.effective_from),
      description: String(r.description),
    }));
  }

  /** Inserts the next version of a rule (serialised per rule by the primary key). */
  async insertNextVersion(
    manager: EntityManager,
    rule: Omit<AccrualRule, 'version'>,
    actor: string,
  ): Promise<AccrualRule> {
    const [row]: Row[] = await manager.query(
      `INSERT INTO loyalty_rules (rule_id, version, basis, points, per_minor, effective_from, description, created_by)
       SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $4, $5, $6, $7 FROM loyalty_rules WHERE rule_id = $1
       RETURNING version`,
      [rule.ruleId, rule.basis, rule.points, rule.perMinor, rule.effectiveFrom, rule.description, actor],
    );
    return { ...rule, version: Number(row.version) };
  }

  async latestVersion(manager: EntityManager, ruleId: string): Promise<AccrualRule | null> {
    const rules = (await this.all(manager)).filter((r) => r.ruleId === ruleId);
    return rules.at(-1) ?? null;
  }
}
