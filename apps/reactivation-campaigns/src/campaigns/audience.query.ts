import { DEFAULT_TIMEZONE } from '@merchant-pulse/contracts';
import type { AudienceFilter } from './campaign';

/** SQL text and parameters. */
export interface SqlQuery {
  sql: string;
  params: unknown[];
}

/**
 * The merchants of the projections that a filter selects, as of `now` (days inactive in each merchant's
 * own timezone; a merchant that never transacted counts as inactive since forever). Include-listed
 * merchants are in whatever the filters say; exclude-listed ones never are. `onlyMerchantIds` narrows
 * the check to given merchants (triggered enrolment). Rows: `merchant_id, days_inactive`.
 */
export function audienceQuery(
  filter: AudienceFilter,
  now: Date,
  options: { onlyMerchantIds?: readonly string[]; orderBy?: 'merchant_id' | 'risk'; limit?: number } = {},
): SqlQuery {
  const params: unknown[] = [now.toISOString()];
  const p = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const conds: string[] = [];
  const anyOf = (column: string, values: readonly string[]) => {
    if (values.length > 0) conds.push(`${column} = ANY(${p(values)}::text[])`);
  };
  anyOf('p.behaviour_tier', filter.behaviourTiers);
  anyOf('p.value_tier', filter.valueTiers);
  anyOf('p.region', filter.regions);
  anyOf('p.city', filter.cities);
  anyOf('p.category', filter.categories);
  anyOf('p.kind', filter.merchantKinds);
  if (filter.reasonCodes.length > 0) conds.push(`p.reason_codes && ${p(filter.reasonCodes)}::text[]`);
  if (filter.minDaysInactive !== undefined)
    conds.push(`coalesce(d.days_inactive, 2147483647) >= ${p(filter.minDaysInactive)}::int`);
  if (filter.maxDaysInactive !== undefined)
    conds.push(`d.days_inactive <= ${p(filter.maxDaysInactive)}::int`);
  if (filter.hasOpenTicket !== undefined)
    conds.push(
      `${filter.hasOpenTicket ? '' : 'NOT '}EXISTS (SELECT 1 FROM merchant_tickets t
        WHERE t.merchant_id = p.merchant_id AND t.status NOT IN ('resolved', 'closed'))`,
    );
  const matches = conds.length > 0 ? conds.join(' AND ') : 'true';
  const include =
    filter.includeMerchantIds.length > 0
      ? `p.merchant_id = ANY(${p(filter.includeMerchantIds)}::text[])`
      : 'false';
  const exclude =
    filter.excludeMerchantIds.length > 0
      ? `AND NOT p.merchant_id = ANY(${p(filter.excludeMerchantIds)}::text[])`
      : '';
  const only = options.onlyMerchantIds
    ? `AND p.merchant_id = ANY(${p(options.onlyMerchantIds)}::text[])`
    : '';
  const order = options.orderBy === 'risk' ? 'p.risk_score DESC NULLS LAST, p.merchant_id' : 'p.merchant_id';
  const limit = options.limit !== undefined ? `LIMIT ${p(options.limit)}::int` : '';
  const sql = `
    SELECT p.merchant_id, d.days_inactive
    FROM merchant_profiles p
    LEFT JOIN LATERAL (
      SELECT ((($1::timestamptz) AT TIME ZONE coalesce(p.timezone, '${DEFAULT_TIMEZONE}'))::date - max(a.activity_date))::int AS days_inactive
      FROM merchant_daily_activity a WHERE a.merchant_id = p.merchant_id AND a.approved_count > 0
    ) d ON true
    WHERE ((${matches}) OR ${include}) ${exclude} ${only}
    ORDER BY ${order} ${limit}`;
  return { sql, params };
}

/** An empty filter (everyone known here). */
export function emptyAudience(): AudienceFilter {
  return {
    behaviourTiers: [],
    valueTiers: [],
    reasonCodes: [],
    regions: [],
    cities: [],
    categories: [],
    merchantKinds: [],
    includeMerchantIds: [],
    excludeMerchantIds: [],
  };
}
