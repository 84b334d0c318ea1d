import { useEffect, useMemo, useState } from 'react';
import { ApiError, svc } from '../api';
import { Badge, BAND_TONE, Empty, ErrorBox, Field, Loading, VocabularySelect } from '../components';
import { money } from '../format';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh-CN';
import { href, navigate, Route } from '../router';
import { useSession } from '../session';

export const BEHAVIOUR_TIERS = ['active', 'potential', 'at_risk', 'dormant', 'churned', 'reactivated'];
export const VALUE_TIERS = ['high', 'mid', 'low'];
export const SCORE_BANDS = ['critical', 'high', 'medium', 'low'];
export const REASON_CODES = [
  'volume_drop',
  'weekly_volume_drop',
  'low_p_alive',
  'no_transactions',
  'declared_closure',
  'terminal_degraded',
  'device_ticket_open',
  'sla_breached',
  'high_decline_rate',
  'card_read_failures',
  'merchant_closed',
  'merchant_suspended',
  'new_merchant',
];
const PAGE_SIZES = [25, 50, 100];

/** The filters chosen from a vocabulary: URL parameter, label, values and their label group. */
const VOCABULARY_FILTERS: ReadonlyArray<{ param: string; label: MessageKey; values: readonly string[] }> = [
  { param: 'tier', label: 'field.behaviourTier', values: BEHAVIOUR_TIERS },
  { param: 'value', label: 'field.valueTier', values: VALUE_TIERS },
  { param: 'band', label: 'field.band', values: SCORE_BANDS },
  { param: 'reason', label: 'field.reason', values: REASON_CODES },
];

/** Sortable columns: the churn API's sort keys; a first click sorts numbers high-to-low, ids A–Z. */
type SortKey = 'score' | 'pDormant30d' | 'fee90d' | 'merchantId';
const DEFAULT_SORT = '-score';

function parseSort(sort: string): { key: SortKey; descending: boolean } {
  const descending = sort.startsWith('-');
  return { key: (descending ? sort.slice(1) : sort) as SortKey, descending };
}

/** The sort after clicking `key`'s header: the other direction when already sorted by it. */
function nextSort(current: string, key: SortKey): string {
  const { key: now, descending } = parseSort(current);
  if (now === key) return descending ? key : `-${key}`;
  return key === 'merchantId' ? key : `-${key}`;
}

/**
 * A campaign's audience is `filter OR includeMerchantIds`: an empty inactivity window (≥ 1 and ≤ 0 days)
 * makes the filter match no one, so a campaign made from a selection holds exactly the selected merchants.
 */
export const ONLY_LISTED = { minDaysInactive: 1, maxDaysInactive: 0 };

export interface RiskItem {
  merchantId: string;
  score: number;
  scoreBand: string;
  behaviourTier: string;
  valueTier: string;
  reasons: Array<{ code: string; message?: string }>;
  asOfDate: string;
  trailing90dFeeMinor: number;
  pAlive?: number | null;
  pDormant30d?: number | null;
  region?: string | null;
  city?: string | null;
}

interface RiskPage {
  items: RiskItem[];
  nextCursor: string | null;
}

/** Most merchant ids `GET /v1/merchants?ids=` takes in one call. */
const REGISTRY_IDS_MAX = 200;

interface MerchantSummary {
  id: string;
  displayName: string;
  region: string;
  city: string;
  timezone: string;
}

interface CampaignSummary {
  id: string;
  name: string;
  status: string;
  audience: { includeMerchantIds?: string[] };
}

/**
 * The at-risk worklist: the churn service's ranked list (highest risk first), filtered and paginated
 * server-side with its cursor; names come from the registry for the rows on screen only.
 */
export function WorklistScreen({ route }: { route: Route }) {
  const { t, label, locale } = useI18n();
  const q = route.query;
  const filters = {
    behaviourTier: q.get('tier') ?? '',
    valueTier: q.get('value') ?? '',
    scoreBand: q.get('band') ?? '',
    reason: q.get('reason') ?? '',
    region: q.get('region') ?? '',
    sort: q.get('sort') ?? DEFAULT_SORT,
  };
  const limit = Number(q.get('limit') ?? 25) || 25;
  const [cursors, setCursors] = useState<Array<string | undefined>>([undefined]);
  const page = cursors.length - 1;
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const filterKey = `${filters.behaviourTier}|${filters.valueTier}|${filters.scoreBand}|${filters.reason}|${filters.region}|${filters.sort}|${limit}`;
  // New filters start again at the first page (adjusting state while rendering, not in an effect, so the
  // first page is requested once).
  const [shownKey, setShownKey] = useState(filterKey);
  if (shownKey !== filterKey) {
    setShownKey(filterKey);
    setCursors([undefined]);
    setSelected(new Set());
  }

  const risks = useLoad(
    () =>
      svc('churn').get<RiskPage>('/v1/risks', {
        ...filters,
        limit,
        cursor: cursors[cursors.length - 1],
      }),
    [filterKey, cursors],
  );
  // The region choices load after the first rows, so they never compete with them.
  const rowsShown = risks.data !== undefined;
  const regions = useLoad(
    () =>
      rowsShown
        ? svc('churn').get<{ items: Array<{ region: string }> }>('/v1/risks/regions')
        : Promise.resolve(undefined),
    [rowsShown],
  );
  useEffect(() => {
    if (!risks.data) return;
    performance.mark('worklist:rows');
    if (page > 0) window.scrollTo(0, 0);
  }, [risks.data]);

  const ids = useMemo(() => (risks.data?.items ?? []).map((r) => r.merchantId), [risks.data]);
  // Registry summaries of the rows on screen; null = the registry does not know the merchant.
  const [names, setNames] = useState<Record<string, MerchantSummary | null>>({});
  useEffect(() => {
    let cancelled = false;
    const missing = ids.filter((id) => names[id] === undefined);
    if (missing.length === 0) return;
    // One registry call per 200 rows (its `ids` filter), not one per row.
    const chunks: string[][] = [];
    for (let i = 0; i < missing.length; i += REGISTRY_IDS_MAX)
      chunks.push(missing.slice(i, i + REGISTRY_IDS_MAX));
    void Promise.allSettled(
      chunks.map((chunk) =>
        svc('registry').get<{ items: MerchantSummary[] }>(
          `/v1/merchants?ids=${chunk.map(encodeURIComponent).join(',')}&limit=${chunk.length}`,
        ),
      ),
    ).then((results) => {
      if (cancelled) return;
      const found: Record<string, MerchantSummary | null> = {};
      results.forEach((r, i) => {
        // A failed call leaves its rows unnamed (null), like a merchant the registry does not know.
        for (const id of chunks[i]) found[id] = null;
        if (r.status === 'fulfilled') for (const m of r.value.items) found[m.id] = m;
      });
      setNames((n) => ({ ...n, ...found }));
    });
    return () => {
      cancelled = true;
    };
    // names is a cache: reading it must not re-trigger the fetch.
  }, [ids]);

  const setFilter = (key: string, value: string) => {
    const next: Record<string, string | undefined> = {
      tier: filters.behaviourTier,
      value: filters.valueTier,
      band: filters.scoreBand,
      reason: filters.reason,
      region: filters.region,
      sort: filters.sort === DEFAULT_SORT ? undefined : filters.sort,
      limit: String(limit),
    };
    next[key] = value || undefined;
    if (next.sort === DEFAULT_SORT) next.sort = undefined;
    navigate('/worklist', next);
  };
  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  const items = risks.data?.items ?? [];
  const sort = parseSort(filters.sort);
  /** A column header that sorts the list; aria-sort tells which column orders it and how. */
  const sortable = (key: SortKey, text: string, className?: string) => {
    const active = sort.key === key;
    return (
      <th
        scope="col"
        className={className}
        aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}
      >
        <button
          type="button"
          className="sort-button"
          data-sort={key}
          onClick={() => setFilter('sort', nextSort(filters.sort, key))}
        >
          {text}
          <span aria-hidden="true">{active ? (sort.descending ? ' ▼' : ' ▲') : ' ↕'}</span>
        </button>
      </th>
    );
  };
  const allSelected = items.length > 0 && items.every((i) => selected.has(i.merchantId));

  return (
    <div className="screen">
      <h1>{t('worklist.title')}</h1>
      <form className="filters" aria-label={t('common.filters')} onSubmit={(e) => e.preventDefault()}>
        {VOCABULARY_FILTERS.map((f) => (
          <Field key={f.param} label={t(f.label)}>
            <VocabularySelect
              value={q.get(f.param) ?? ''}
              values={f.values}
              group={f.param}
              all
              onChange={(v) => setFilter(f.param, v)}
            />
          </Field>
        ))}
        <Field label={t('field.region')}>
          <select value={filters.region} onChange={(e) => setFilter('region', e.target.value)}>
            <option value="">{t('common.all')}</option>
            {/* A region from the URL that has no scored merchant (yet) stays selectable. */}
            {filters.region && !regions.data?.items.some((r) => r.region === filters.region) && (
              <option value={filters.region}>{filters.region}</option>
            )}
            {(regions.data?.items ?? []).map((r) => (
              <option key={r.region} value={r.region}>
                {r.region}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('common.pageSize')}>
          <select value={limit} onChange={(e) => setFilter('limit', e.target.value)}>
            {PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </Field>
      </form>
      <p className="muted">{t('worklist.sortNote')}</p>
      <CareVisitBar selected={[...selected]} onDone={() => setSelected(new Set())} />
      <ErrorBox error={risks.error} />
      <EnrolBar selected={[...selected]} onDone={() => setSelected(new Set())} />
      <div className="table-wrap">
        <table className="table" data-testid="worklist-table">
          <caption className="sr-only">{t('worklist.title')}</caption>
          <thead>
            <tr>
              <th scope="col">
                <input
                  type="checkbox"
                  aria-label={t('worklist.selectAll')}
                  checked={allSelected}
                  onChange={() =>
                    setSelected(allSelected ? new Set() : new Set(items.map((i) => i.merchantId)))
                  }
                />
              </th>
              {sortable('merchantId', t('field.merchant'))}
              {sortable('score', t('field.riskScore'), 'num')}
              {sortable('pDormant30d', t('field.pDormant30d'), 'num')}
              <th scope="col">{t('field.band')}</th>
              <th scope="col">{t('field.behaviourTier')}</th>
              <th scope="col">{t('field.valueTier')}</th>
              <th scope="col">{t('field.region')}</th>
              <th scope="col">{t('field.reasons')}</th>
              {sortable('fee90d', t('field.fee90d'), 'num')}
            </tr>
          </thead>
          <tbody>
            {items.map((r) => {
              const m = names[r.merchantId];
              return (
                <tr key={r.merchantId} className={selected.has(r.merchantId) ? 'selected' : undefined}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={t('worklist.select', { id: r.merchantId })}
                      checked={selected.has(r.merchantId)}
                      onChange={() => toggle(r.merchantId)}
                    />
                  </td>
                  <td>
                    <a href={href(`/merchants/${encodeURIComponent(r.merchantId)}`)}>
                      {m?.displayName ?? r.merchantId}
                    </a>
                    {m && <div className="muted small">{r.merchantId}</div>}
                  </td>
                  <td className="num">{r.score}</td>
                  <td className="num">
                    {r.pDormant30d === null || r.pDormant30d === undefined
                      ? '—'
                      : `${Math.round(r.pDormant30d * 100)}%`}
                  </td>
                  <td>
                    <Badge tone={BAND_TONE[r.scoreBand]}>{label('band', r.scoreBand)}</Badge>
                  </td>
                  <td>{label('tier', r.behaviourTier)}</td>
                  <td>{label('value', r.valueTier)}</td>
                  <td>
                    {r.region
                      ? `${r.region} ${r.city ?? ''}`
                      : m
                        ? `${m.region ?? ''} ${m.city ?? ''}`
                        : m === null
                          ? '—'
                          : '…'}
                  </td>
                  <td>{r.reasons.map((x) => label('reason', x.code)).join('、')}</td>
                  <td className="num">{money(r.trailing90dFeeMinor, locale)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <Loading show={risks.loading} />
      <Empty show={!risks.loading && items.length === 0 && !risks.error} />
      <div className="pager">
        <button type="button" disabled={page === 0} onClick={() => setCursors((c) => c.slice(0, -1))}>
          {t('common.previous')}
        </button>
        <span>{t('common.page', { n: page + 1 })}</span>
        <button
          type="button"
          disabled={!risks.data?.nextCursor}
          onClick={() => setCursors((c) => [...c, risks.data?.nextCursor ?? undefined])}
        >
          {t('common.next')}
        </button>
      </div>
    </div>
  );
}

/** Enrols the selected merchants: adds them to a draft campaign's audience, or creates a one-off call campaign. */
function EnrolBar({ selected, onDone }: { selected: string[]; onDone(): void }) {
  const { t } = useI18n();
  const { can } = useSession();
  const drafts = useLoad(
    () =>
      can('campaigns:read')
        ? svc('campaigns')
            .get<{ items: CampaignSummary[] } | CampaignSummary[]>('/v1/campaigns', {
              status: 'draft',
              limit: 50,
            })
            .then((r) => (Array.isArray(r) ? r : r.items))
        : Promise.resolve([] as CampaignSummary[]),
    [],
  );
  const [campaignId, setCampaignId] = useState('');
  const [message, setMessage] = useState('');
  const [error, setError] = useState<unknown>(null);
  if (!can('campaigns:write')) return null;
  const enrol = async () => {
    setError(null);
    setMessage('');
    try {
      if (campaignId) {
        const c = await svc('campaigns').get<CampaignSummary>(`/v1/campaigns/${campaignId}`);
        const ids = [...new Set([...(c.audience.includeMerchantIds ?? []), ...selected])];
        await svc('campaigns').patch(`/v1/campaigns/${campaignId}`, {
          audience: { ...c.audience, includeMerchantIds: ids },
        });
        setMessage(t('worklist.enrolled', { n: selected.length, name: c.name }));
      } else {
        const name = `${t('worklist.newCampaignName')} ${new Date().toISOString().slice(0, 16)}`;
        const created = await svc('campaigns').post<CampaignSummary>('/v1/campaigns', {
          name,
          kind: 'one_off',
          audience: { ...ONLY_LISTED, includeMerchantIds: selected },
          steps: [{ channel: 'phone_task', delayDays: 0, templateId: 'care-call', purpose: 'service' }],
          holdoutShare: 0,
          attributionDays: 30,
        });
        setMessage(t('worklist.enrolled', { n: selected.length, name: created.name }));
        drafts.reload();
      }
      onDone();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <div className="toolbar" aria-live="polite">
      <span>{t('worklist.selected', { n: selected.length })}</span>
      <Field label={t('worklist.campaign')}>
        <select value={campaignId} onChange={(e) => setCampaignId(e.target.value)}>
          <option value="">{t('worklist.newCampaign')}</option>
          {(drafts.data ?? []).map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </Field>
      <button type="button" className="primary" disabled={selected.length === 0} onClick={() => void enrol()}>
        {t('worklist.enrol')}
      </button>
      {message && <span className="ok-text">{message}</span>}
      <ErrorBox error={error} />
    </div>
  );
}

/**
 * Opens a return visit (开回访: a call in the call queue) for each selected merchant. A merchant that
 * already has an open visit answers 409 and is counted, not reopened.
 */
function CareVisitBar({ selected, onDone }: { selected: string[]; onDone(): void }) {
  const { t } = useI18n();
  const { can } = useSession();
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (!can('care-visits:open')) return null;
  const open = async () => {
    setError(null);
    setMessage('');
    setBusy(true);
    let opened = 0;
    let already = 0;
    try {
      for (const merchantId of selected) {
        try {
          await svc('campaigns').post('/v1/care/visits', {
            merchantId,
            reason: reason.trim() || t('worklist.careReasonDefault'),
          });
          opened += 1;
        } catch (e) {
          if (e instanceof ApiError && e.status === 409) already += 1;
          else throw e;
        }
      }
      setMessage(t('worklist.careOpened', { n: opened, already }));
      onDone();
    } catch (e) {
      setError(e);
      if (opened + already > 0) setMessage(t('worklist.careOpened', { n: opened, already }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="toolbar" aria-live="polite">
      <Field label={t('worklist.careReason')}>
        <input
          type="text"
          value={reason}
          maxLength={200}
          placeholder={t('worklist.careReasonDefault')}
          onChange={(e) => setReason(e.target.value)}
        />
      </Field>
      <button type="button" disabled={selected.length === 0 || busy} onClick={() => void open()}>
        {t('worklist.openCareVisit')}
      </button>
      {message && <span className="ok-text">{message}</span>}
      <ErrorBox error={error} />
    </div>
  );
}
