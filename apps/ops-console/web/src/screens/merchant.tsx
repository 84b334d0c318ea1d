import { FormEvent, useState } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ApiError, svc } from '../api';
import { Badge, BAND_TONE, Card, Empty, ErrorBox, Field, KeyValues, Loading } from '../components';
import { addDays, dateTime, localDate, mask, money, num, todayIn } from '../format';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n/i18n';
import { href, navigate, Route } from '../router';
import { useSession } from '../session';
import { TicketRow, TicketTable } from './tickets';

interface Merchant {
  id: string;
  kind: string;
  status: string;
  legalName: string;
  displayName: string;
  category: string;
  mcc: string;
  city: string;
  region: string;
  timezone: string;
  contact: { name: string; phone: string; email: string; preferredChannel: string };
  idNumber: string;
  creditCode: string;
  terminalAddress: string;
  requirements: { currentlyDue: string[]; blockedReason: string | null };
  tiers: { behaviourTier: string; valueTier: string; riskScore: number; asOf: string } | null;
  piiMasked: boolean;
  createdAt: string;
}

interface Risk {
  score: number;
  scoreBand: string;
  behaviourTier: string;
  valueTier: string;
  reasons: Array<{ code: string; message: string; evidence?: Record<string, unknown> }>;
  modelVersion: string;
  asOfDate: string;
  pAlive: number | null;
  history: Array<{ score: number; band: string; asOfDate: string }>;
}

interface DailyActivity {
  date: string;
  approvedCount: number;
  approvedAmountMinor: number;
  netAmountMinor: number;
  feeMinor: number;
  byChannel: Record<string, { count?: number; amountMinor?: number } | number[]>;
  hourlyApprovedCounts: number[];
}

interface TimelineEntry {
  eventId: string;
  occurredAt: string;
  source: string;
  type: string;
  payload: Record<string, unknown>;
}

const optional = <T,>(p: Promise<T>): Promise<T | null> =>
  p.catch((e: unknown) => {
    if (e instanceof ApiError && (e.status === 404 || e.status === 403)) return null;
    throw e;
  });

/** Merchant 360: search, then every service's view of one merchant. */
export function MerchantScreen({ merchantId }: { merchantId?: string; route: Route }) {
  const { t } = useI18n();
  return (
    <div className="screen">
      <h1>{t('merchant.title')}</h1>
      <MerchantSearch />
      {merchantId ? (
        <MerchantView key={merchantId} id={merchantId} />
      ) : (
        <p className="muted">{t('merchant.hint')}</p>
      )}
    </div>
  );
}

/** What a merchant id looks like (the registry's ids are printable ASCII without spaces). */
const MERCHANT_ID_SHAPE = /^[\x21-\x7E]{1,64}$/;
/** The registry's shortest name search. */
const NAME_MIN_LENGTH = 2;
const NAME_RESULTS = 50;

function MerchantSearch() {
  const { t } = useI18n();
  const { can } = useSession();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<Merchant[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setResults(null);
    const q = query.trim();
    if (!q) return;
    const digits = q.replace(/[\s-]/g, '');
    try {
      if (/^1\d{10}$/.test(digits) || /^\d{17}[\dXx]$/.test(digits)) {
        if (!can('pii:search')) {
          setError(new Error(t('merchant.piiSearchNeedsRole')));
          return;
        }
        const body = digits.length === 11 ? { phone: digits } : { idNumber: digits.toUpperCase() };
        const found = await svc('registry').post<{ items: Merchant[] }>('/v1/merchants/search', body);
        if (found.items.length === 1) navigate(`/merchants/${found.items[0].id}`);
        else setResults(found.items);
        return;
      }
      // Something shaped like an id (printable ASCII, no spaces) is tried as one first.
      if (MERCHANT_ID_SHAPE.test(q)) {
        try {
          const m = await svc('registry').get<Merchant>(`/v1/merchants/${encodeURIComponent(q)}`);
          navigate(`/merchants/${m.id}`);
          return;
        } catch (err) {
          if (!(err instanceof ApiError) || (err.status !== 404 && err.status !== 400)) throw err;
        }
      }
      // A name: the registry matches display and legal names (contains, any case), newest first.
      if ([...q].length < NAME_MIN_LENGTH) {
        setError(new Error(t('merchant.nameTooShort', { n: NAME_MIN_LENGTH })));
        return;
      }
      const page = await svc('registry').get<{ items: Merchant[] }>('/v1/merchants', {
        name: q,
        limit: NAME_RESULTS,
      });
      if (page.items.length === 1) navigate(`/merchants/${page.items[0].id}`);
      else setResults(page.items);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form className="search" role="search" onSubmit={(e) => void submit(e)}>
      <Field label={t('merchant.search')}>
        <input
          name="q"
          value={query}
          placeholder={t('merchant.searchPlaceholder')}
          onChange={(e) => setQuery(e.target.value)}
        />
      </Field>
      <button type="submit" className="primary">
        {t('common.search')}
      </button>
      <ErrorBox error={error} />
      {results && (
        <ul className="results" aria-label={t('merchant.results')}>
          {results.length === 0 && <li className="muted">{t('common.empty')}</li>}
          {results.map((m) => (
            <li key={m.id}>
              <a href={href(`/merchants/${m.id}`)}>
                {m.displayName} <span className="muted small">{m.id}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}

function MerchantView({ id }: { id: string }) {
  const { t, label, locale } = useI18n();
  const { can } = useSession();
  const enc = encodeURIComponent(id);
  const [revealed, setRevealed] = useState<Merchant | null>(null);
  const [revealError, setRevealError] = useState<unknown>(null);
  const merchant = useLoad(() => svc('registry').get<Merchant>(`/v1/merchants/${enc}`), [id]);
  const m = merchant.data;
  const tz = m?.timezone;
  const risk = useLoad(
    () =>
      can('risk:read')
        ? optional(svc('churn').get<Risk>(`/v1/merchants/${enc}/risk`))
        : Promise.resolve(undefined),
    [id],
  );

  const reveal = async () => {
    setRevealError(null);
    try {
      // A fresh read with the pii:read key: the registry audits it with the console user as actor.
      setRevealed(await svc('registry').get<Merchant>(`/v1/merchants/${enc}`));
    } catch (e) {
      setRevealError(e);
    }
  };
  const shown = revealed && !revealed.piiMasked ? revealed : null;
  const pii = (value: string | undefined, testid: string) => (
    <span data-testid={testid}>{shown ? value || '—' : mask(value)}</span>
  );

  if (merchant.error) return <ErrorBox error={merchant.error} />;
  if (!m) return <Loading show />;
  return (
    <div className="grid">
      <Card
        title={m.displayName}
        actions={
          <Badge tone={m.status === 'active' ? 'ok' : m.status === 'suspended' ? 'danger' : 'info'}>
            {label('status', m.status)}
          </Badge>
        }
      >
        <KeyValues
          rows={[
            [t('field.merchantId'), <code key="id">{m.id}</code>],
            [t('field.legalName'), m.legalName],
            [t('field.category'), `${m.category} (${m.mcc})`],
            [t('field.region'), `${m.region} ${m.city}`],
            [t('field.timezone'), m.timezone],
            [t('field.createdAt'), dateTime(m.createdAt, tz, locale)],
            [
              t('field.requirements'),
              m.requirements.currentlyDue.length
                ? m.requirements.currentlyDue.join(', ')
                : t('merchant.noRequirements'),
            ],
          ]}
        />
      </Card>
      <Card
        title={t('merchant.contact')}
        actions={
          can('pii:read') && !shown ? (
            <button type="button" onClick={() => void reveal()}>
              {t('merchant.reveal')}
            </button>
          ) : null
        }
      >
        <KeyValues
          rows={[
            [t('field.contactName'), m.contact.name],
            [t('field.phone'), pii(m.contact.phone, 'pii-phone')],
            [t('field.email'), pii(m.contact.email, 'pii-email')],
            [t('field.idNumber'), pii(m.idNumber, 'pii-id')],
            [t('field.preferredChannel'), label('channel', m.contact.preferredChannel)],
          ]}
        />
        {!can('pii:read') && <p className="muted small">{t('merchant.piiMasked')}</p>}
        <ErrorBox error={revealError} />
      </Card>
      {can('risk:read') && <RiskCard risk={risk.data} error={risk.error} tz={tz} />}
      <FeePlanCard id={id} tz={tz} />
      {can('transactions:read') && <ActivityCard id={id} tz={tz} />}
      <TerminalsCard id={id} tz={tz} />
      {can('tickets:read') && (
        <Card title={t('merchant.tickets')}>
          <MerchantTickets id={id} />
        </Card>
      )}
      {(can('loyalty:read') || can('membership:read')) && <LoyaltyCard id={id} />}
      <TimelineCard id={id} tz={tz} />
    </div>
  );
}

function RiskCard({ risk, error, tz }: { risk: Risk | null | undefined; error: unknown; tz?: string }) {
  const { t, label } = useI18n();
  return (
    <Card title={t('merchant.risk')}>
      <ErrorBox error={error} />
      {risk === null && <p className="muted">{t('merchant.notScored')}</p>}
      {risk && (
        <>
          <p className="risk-line">
            <strong className="big">{risk.score}</strong>{' '}
            <Badge tone={BAND_TONE[risk.scoreBand]}>{label('band', risk.scoreBand)}</Badge>{' '}
            {label('tier', risk.behaviourTier)} · {label('value', risk.valueTier)}
          </p>
          <p className="muted small">
            {t('merchant.asOf', { date: localDate(risk.asOfDate), model: risk.modelVersion })}
            {tz ? '' : ''}
          </p>
          <h3>{t('field.reasons')}</h3>
          <ul className="reasons">
            {risk.reasons.map((r) => (
              <li key={r.code}>
                <strong>{label('reason', r.code)}</strong> — {r.message}
                {r.evidence && Object.keys(r.evidence).length > 0 && (
                  <div className="muted small evidence">
                    {Object.entries(r.evidence).map(([k, v]) => (
                      <span key={k}>
                        {k}:{' '}
                        {Array.isArray(v)
                          ? v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(', ')
                          : typeof v === 'object'
                            ? JSON.stringify(v)
                            : String(v)}{' '}
                      </span>
                    ))}
                  </div>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}

function FeePlanCard({ id, tz }: { id: string; tz?: string }) {
  const { t, locale } = useI18n();
  const enc = encodeURIComponent(id);
  const current = useLoad(
    () => optional(svc('registry').get<Record<string, unknown>>(`/v1/merchants/${enc}/fee-plans/current`)),
    [id],
  );
  const history = useLoad(
    () =>
      optional(
        svc('registry').get<{
          versions: Array<{
            planVersion: number;
            terms: unknown;
            state: string;
            effectiveFrom: string;
            effectiveUntil?: string;
          }>;
          promotions: Array<{
            promotionId: string;
            bpsOff: number;
            startsAt: string;
            endsAt: string;
            reason: string;
          }>;
        }>(`/v1/merchants/${enc}/fee-plans`),
      ),
    [id],
  );
  const terms = (x: unknown) => <FeeTerms terms={x} />;
  return (
    <Card title={t('merchant.feePlan')}>
      <ErrorBox error={current.error ?? history.error} />
      {current.data && (
        <KeyValues
          rows={[
            [t('field.planVersion'), String(current.data.planVersion ?? '—')],
            [t('field.chargedTerms'), terms(current.data.chargedTerms ?? current.data.terms)],
            [t('field.promotion'), terms(current.data.promotion)],
          ]}
        />
      )}
      {history.data && (
        <>
          <h3>{t('merchant.feeHistory')}</h3>
          <div className="table-wrap">
            <table className="table compact">
              <thead>
                <tr>
                  <th scope="col">{t('field.planVersion')}</th>
                  <th scope="col">{t('field.state')}</th>
                  <th scope="col">{t('field.effectiveFrom')}</th>
                  <th scope="col">{t('field.terms')}</th>
                </tr>
              </thead>
              <tbody>
                {history.data.versions.map((v) => (
                  <tr key={v.planVersion}>
                    <td>{v.planVersion}</td>
                    <td>{v.state}</td>
                    <td>{dateTime(v.effectiveFrom, tz, locale)}</td>
                    <td>{terms(v.terms)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3>{t('merchant.promotions')}</h3>
          <Empty show={history.data.promotions.length === 0} />
          <ul>
            {history.data.promotions.map((p) => (
              <li key={p.promotionId}>
                −{p.bpsOff} bps · {dateTime(p.startsAt, tz, locale)} → {dateTime(p.endsAt, tz, locale)} ·{' '}
                {p.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}

/** Fee terms as the merchant reads them: a rate per channel (bps → %), caps in yuan; anything else as JSON. */
function FeeTerms({ terms }: { terms: unknown }) {
  const { label, locale } = useI18n();
  if (!terms || typeof terms !== 'object') return <span>—</span>;
  const { rates, ...rest } = terms as { rates?: Record<string, number> } & Record<string, unknown>;
  const parts: string[] = [];
  for (const [channel, bps] of Object.entries(rates ?? {})) {
    parts.push(`${label('payChannel', channel)} ${(Number(bps) / 100).toFixed(2)}%`);
  }
  for (const [key, value] of Object.entries(rest)) {
    if (value === null || value === undefined) continue;
    parts.push(
      /Minor$/.test(key)
        ? `${key.replace(/Minor$/, '')} ${money(Number(value), locale)}`
        : `${key} ${JSON.stringify(value)}`,
    );
  }
  return <span className="terms">{parts.join(' · ') || '—'}</span>;
}

function channelCount(v: { count?: number } | number[]): number {
  return Array.isArray(v) ? Number(v[0] ?? 0) : Number(v.count ?? 0);
}

function ActivityCard({ id, tz }: { id: string; tz?: string }) {
  const { t, label, locale } = useI18n();
  const to = todayIn(tz);
  const from = addDays(to, -29);
  const activity = useLoad(
    () =>
      svc('ingestion').get<{ items: DailyActivity[] }>(
        `/v1/merchants/${encodeURIComponent(id)}/daily-activity`,
        {
          from,
          to,
        },
      ),
    [id, from, to],
  );
  const days = activity.data?.items ?? [];
  const series = days.map((d) => ({
    date: d.date.slice(5),
    volume: d.approvedAmountMinor / 100,
    count: d.approvedCount,
  }));
  const channels: Record<string, number> = {};
  const hours = Array.from({ length: 24 }, (_, h) => ({ hour: h, count: 0 }));
  for (const d of days) {
    for (const [ch, v] of Object.entries(d.byChannel ?? {}))
      channels[ch] = (channels[ch] ?? 0) + channelCount(v);
    (d.hourlyApprovedCounts ?? []).forEach((c, h) => hours[h] && (hours[h].count += c));
  }
  const totalMinor = days.reduce((s, d) => s + d.approvedAmountMinor, 0);
  return (
    <Card title={t('merchant.activity')}>
      <ErrorBox error={activity.error} />
      <Loading show={activity.loading} />
      {activity.data && (
        <>
          <p className="muted small">
            {from} → {to} · {t('field.volume')} {money(totalMinor, locale)} · {t('field.count')}{' '}
            {num(
              days.reduce((s, d) => s + d.approvedCount, 0),
              locale,
            )}
          </p>
          <div className="chart" role="img" aria-label={t('merchant.activityChart')}>
            <ResponsiveContainer width="100%" height={220}>
              <ComposedChart data={series}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="date" fontSize={11} />
                <YAxis yAxisId="v" fontSize={11} />
                <YAxis yAxisId="c" orientation="right" fontSize={11} />
                <Tooltip />
                <Legend />
                <Bar yAxisId="v" dataKey="volume" name={t('field.volumeYuan')} fill="#3b6fd8" />
                <Line yAxisId="c" dataKey="count" name={t('field.count')} stroke="#d9822b" dot={false} />
              </ComposedChart>
            </ResponsiveContainer>
          </div>
          <div className="two">
            <div>
              <h3>{t('merchant.channelMix')}</h3>
              <ul className="bars">
                {Object.entries(channels).map(([ch, c]) => (
                  <li key={ch}>
                    {label('payChannel', ch)}: {num(c, locale)}
                  </li>
                ))}
              </ul>
            </div>
            <div className="chart" role="img" aria-label={t('merchant.peakHours')}>
              <h3>{t('merchant.peakHours')}</h3>
              <ResponsiveContainer width="100%" height={140}>
                <BarChart data={hours}>
                  <XAxis dataKey="hour" fontSize={10} />
                  <YAxis fontSize={10} />
                  <Tooltip />
                  <Bar dataKey="count" name={t('field.count')} fill="#5a9e6f" />
                </BarChart>
              </ResponsiveContainer>
            </div>
          </div>
        </>
      )}
    </Card>
  );
}

function TerminalsCard({ id, tz }: { id: string; tz?: string }) {
  const { t, label, locale } = useI18n();
  const terminals = useLoad(async () => {
    const timeline = await svc('registry').get<{ items: TimelineEntry[] }>(
      `/v1/merchants/${encodeURIComponent(id)}/timeline`,
      { limit: 200 },
    );
    const ids = [
      ...new Set(
        timeline.items
          .filter((e) => e.type.startsWith('Terminal'))
          .map((e) => String(e.payload.terminalId ?? ''))
          .filter(Boolean),
      ),
    ];
    const all = await Promise.all(
      ids.map((tid) =>
        optional(svc('registry').get<Record<string, unknown>>(`/v1/terminals/${encodeURIComponent(tid)}`)),
      ),
    );
    return all.filter((x): x is Record<string, unknown> => !!x && x.merchantId === id);
  }, [id]);
  return (
    <Card title={t('merchant.terminals')}>
      <ErrorBox error={terminals.error} />
      <Loading show={terminals.loading} />
      <Empty show={!!terminals.data && terminals.data.length === 0} />
      <ul>
        {(terminals.data ?? []).map((x) => (
          <li key={String(x.id)}>
            <code>{String(x.serialNumber ?? x.id)}</code> · {label('terminalStatus', String(x.status))} ·{' '}
            {String(x.model ?? '')} {x.updatedAt ? dateTime(String(x.updatedAt), tz, locale) : ''}
          </li>
        ))}
      </ul>
    </Card>
  );
}

function MerchantTickets({ id }: { id: string }) {
  const tickets = useLoad(
    () => svc('tickets').get<TicketRow[]>('/v1/tickets', { merchantId: id, limit: 50 }),
    [id],
  );
  return (
    <>
      <ErrorBox error={tickets.error} />
      <Loading show={tickets.loading} />
      {tickets.data && <TicketTable tickets={tickets.data} offsetMs={0} />}
    </>
  );
}

function LoyaltyCard({ id }: { id: string }) {
  const { t, label, locale } = useI18n();
  const enc = encodeURIComponent(id);
  const loyalty = useLoad(
    () => optional(svc('campaigns').get<{ balance: number }>(`/v1/loyalty/merchants/${enc}`)),
    [id],
  );
  const membership = useLoad(
    () =>
      optional(
        svc('campaigns').get<{ tier?: string; currentTier?: string }>(`/v1/memberships/merchants/${enc}`),
      ),
    [id],
  );
  return (
    <Card title={t('merchant.loyalty')}>
      <ErrorBox error={loyalty.error ?? membership.error} />
      <KeyValues
        rows={[
          [t('field.points'), loyalty.data ? num(loyalty.data.balance, locale) : '—'],
          [
            t('field.membership'),
            label('membership', membership.data?.tier ?? membership.data?.currentTier ?? null),
          ],
        ]}
      />
    </Card>
  );
}

function TimelineCard({ id, tz }: { id: string; tz?: string }) {
  const { t, locale } = useI18n();
  const timeline = useLoad(
    () =>
      svc('registry').get<{ items: TimelineEntry[] }>(`/v1/merchants/${encodeURIComponent(id)}/timeline`, {
        limit: 50,
      }),
    [id],
  );
  return (
    <Card title={t('merchant.timeline')}>
      <ErrorBox error={timeline.error} />
      <Empty show={!!timeline.data && timeline.data.items.length === 0} />
      <ol className="timeline">
        {(timeline.data?.items ?? []).map((e) => (
          <li key={e.eventId}>
            <time dateTime={e.occurredAt}>{dateTime(e.occurredAt, tz, locale)}</time>{' '}
            <strong>{e.type}</strong> <span className="muted small">{e.source}</span>
          </li>
        ))}
      </ol>
    </Card>
  );
}
