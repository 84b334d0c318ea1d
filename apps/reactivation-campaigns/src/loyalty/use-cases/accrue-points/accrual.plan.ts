import type { JournalDraft } from '../../ledger/ledger.accounts';
import type { PostedAccrual } from '../../ledger/ledger.repository';
import { AccrualRule, addMonths, DayVolumes, pointsFor, rulesInForce } from '../../rules/accrual-rules';

/**
 * The journals that bring each (merchant, day, rule version) from what was posted to what the latest
 * snapshot earns: the difference, positive or negative. A corrected day (lower volume, a refund)
 * therefore reverses exactly the excess; a replayed snapshot has a difference of zero. Each journal's
 * key names the snapshot's asOf, so posting the same plan twice posts once.
 */
export function planAccruals(
  days: readonly DayVolumes[],
  rules: readonly AccrualRule[],
  posted: readonly PostedAccrual[],
  validMonths: number,
): JournalDraft[] {
  const already = new Map(
    posted.map((p) => [`${p.merchantId}|${p.date}|${p.ruleId}|${p.ruleVersion}`, p.points]),
  );
  const drafts: JournalDraft[] = [];
  for (const day of days) {
    for (const rule of rulesInForce(rules, day.date)) {
      const key = `${day.merchantId}|${day.date}|${rule.ruleId}|${rule.version}`;
      const delta = pointsFor(rule, day) - (already.get(key) ?? 0);
      if (delta === 0) continue;
      drafts.push({
        merchantId: day.merchantId,
        kind: 'accrual',
        points: delta,
        idempotencyKey: `accrual:${key}:${day.asOf}`,
        activityDate: day.date,
        ruleId: rule.ruleId,
        ruleVersion: rule.version,
        expiresOn: addMonths(day.date, validMonths),
        reason: delta > 0 ? rule.description : `correction of ${day.date} (snapshot ${day.asOf})`,
        actor: 'accrual',
      });
    }
  }
  return drafts;
}
