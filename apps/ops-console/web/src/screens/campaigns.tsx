import { FormEvent, useState } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ErrorBar,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { svc } from '../api';
import { Badge, Card, Empty, ErrorBox, Field, KeyValues, Loading, VocabularySelect } from '../components';
import { dateTime, money, num, percent } from '../format';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n/i18n';
import { href, navigate } from '../router';
import { useSession } from '../session';
import { BEHAVIOUR_TIERS, VALUE_TIERS } from './worklist';

interface Campaign {
  id: string;
  name: string;
  kind: string;
  status: string;
  audience: Record<string, unknown>;
  steps: Array<{ channel: string; templateId: string; delayDays: number; purpose: string }>;
  holdoutShare: number;
  attributionDays: number;
  launchedAt: string | null;
  createdAt: string;
}

interface ArmResult {
  enrolled: number;
  converted: number;
  conversionRate: number | null;
  windowFeeMinor: number;
}

interface Results {
  arms: Record<string, ArmResult>;
  funnel: {
    contacted: number;
    delivered: number;
    failed: number;
    skippedByReason: Record<string, number>;
    sendsByChannel: Record<string, number>;
    offersAccepted: number;
    offerCostMinor: number;
    wired: boolean;
  };
  uplift: {
    treatmentRate: number | null;
    holdoutRate: number | null;
    difference: number | null;
    lower: number | null;
    upper: number | null;
  };
  incrementalFeeMinor: number | null;
  activationSuccessRate?: number | null;
}

export function CampaignsScreen({ campaignId }: { campaignId?: string }) {
  const { t } = useI18n();
  return (
    <div className="screen">
      <h1>{t('campaigns.title')}</h1>
      {campaignId ? <CampaignPage key={campaignId} id={campaignId} /> : <CampaignList />}
    </div>
  );
}

function CampaignList() {
  const { t, label, locale } = useI18n();
  const { can } = useSession();
  const list = useLoad(
    () => svc('campaigns').get<{ items: Campaign[] }>('/v1/campaigns', { limit: 100 }),
    [],
  );
  return (
    <>
      {can('campaigns:write') && <CreateCampaign />}
      <ErrorBox error={list.error} />
      <Loading show={list.loading} />
      <div className="table-wrap">
        <table className="table" data-testid="campaign-list">
          <thead>
            <tr>
              <th scope="col">{t('field.name')}</th>
              <th scope="col">{t('field.kind')}</th>
              <th scope="col">{t('field.status')}</th>
              <th scope="col">{t('field.createdAt')}</th>
            </tr>
          </thead>
          <tbody>
            {(list.data?.items ?? []).map((c) => (
              <tr key={c.id}>
                <td>
                  <a href={href(`/campaigns/${c.id}`)}>{c.name}</a>
                </td>
                <td>{label('campaignKind', c.kind)}</td>
                <td>
                  <Badge tone={c.status === 'running' ? 'ok' : undefined}>
                    {label('campaignStatus', c.status)}
                  </Badge>
                </td>
                <td>{dateTime(c.createdAt, undefined, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Empty show={!!list.data && list.data.items.length === 0} />
    </>
  );
}

function CreateCampaign() {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [tier, setTier] = useState('at_risk');
  const [value, setValue] = useState('');
  const [channel, setChannel] = useState('phone_task');
  const [holdout, setHoldout] = useState('0.1');
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const created = await svc('campaigns').post<Campaign>('/v1/campaigns', {
        name,
        kind: 'one_off',
        audience: { behaviourTiers: [tier], ...(value ? { valueTiers: [value] } : {}) },
        steps: [{ channel, delayDays: 0, templateId: 'reactivation-default', purpose: 'marketing' }],
        holdoutShare: Number(holdout),
        attributionDays: 30,
      });
      navigate(`/campaigns/${created.id}`);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <details className="card">
      <summary>{t('campaigns.create')}</summary>
      <form className="filters" onSubmit={(e) => void submit(e)}>
        <Field label={t('field.name')}>
          <input required maxLength={120} value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label={t('field.behaviourTier')}>
          <VocabularySelect value={tier} values={BEHAVIOUR_TIERS} group="tier" onChange={setTier} />
        </Field>
        <Field label={t('field.valueTier')}>
          <VocabularySelect value={value} values={VALUE_TIERS} group="value" all onChange={setValue} />
        </Field>
        <Field label={t('field.channel')}>
          <VocabularySelect
            value={channel}
            values={['phone_task', 'sms', 'email']}
            group="channel"
            onChange={setChannel}
          />
        </Field>
        <Field label={t('field.holdoutShare')}>
          <input
            type="number"
            min="0"
            max="0.9"
            step="0.05"
            value={holdout}
            onChange={(e) => setHoldout(e.target.value)}
          />
        </Field>
        <button type="submit" className="primary">
          {t('campaigns.createDraft')}
        </button>
      </form>
      <ErrorBox error={error} />
    </details>
  );
}

function CampaignPage({ id }: { id: string }) {
  const { t, label, locale } = useI18n();
  const { can } = useSession();
  const campaign = useLoad(() => svc('campaigns').get<Campaign>(`/v1/campaigns/${id}`), [id]);
  const results = useLoad(() => svc('campaigns').get<Results>(`/v1/campaigns/${id}/results`), [id]);
  const c = campaign.data;
  const preview = useLoad(
    () =>
      c?.status === 'draft'
        ? svc('campaigns').get<{ count: number; sample: Array<{ merchantId: string }> }>(
            `/v1/campaigns/${id}/audience-preview`,
            { sample: 10 },
          )
        : Promise.resolve(null),
    [id, c?.status],
  );
  const [error, setError] = useState<unknown>(null);
  const act = async (action: string) => {
    setError(null);
    try {
      await svc('campaigns').post(`/v1/campaigns/${id}/${action}`);
      campaign.reload();
      results.reload();
    } catch (e) {
      setError(e);
    }
  };
  if (campaign.error) return <ErrorBox error={campaign.error} />;
  if (!c) return <Loading show />;
  const r = results.data;
  const actions =
    { draft: ['launch'], running: ['pause', 'complete'], paused: ['resume', 'complete'] }[c.status] ?? [];
  return (
    <>
      <p>
        <a href={href('/campaigns')}>← {t('campaigns.back')}</a>
      </p>
      <div className="grid">
        <Card title={c.name} actions={<Badge>{label('campaignStatus', c.status)}</Badge>}>
          <KeyValues
            rows={[
              [t('field.kind'), label('campaignKind', c.kind)],
              [t('field.holdoutShare'), percent(c.holdoutShare, 0)],
              [t('field.attributionDays'), String(c.attributionDays)],
              [
                t('field.steps'),
                c.steps.map((s) => `${label('channel', s.channel)} +${s.delayDays}d`).join(' → '),
              ],
              [t('field.launchedAt'), dateTime(c.launchedAt, undefined, locale)],
              [
                t('field.audience'),
                <code key="a" className="terms">
                  {JSON.stringify(c.audience)}
                </code>,
              ],
            ]}
          />
          {can('campaigns:write') && (
            <div className="actions">
              {actions.map((a) => (
                <button
                  key={a}
                  type="button"
                  className={a === 'launch' ? 'primary' : undefined}
                  onClick={() => void act(a)}
                >
                  {label('campaignAction', a)}
                </button>
              ))}
            </div>
          )}
          <ErrorBox error={error} />
        </Card>
        {preview.data && (
          <Card title={t('campaigns.preview')}>
            <p>{t('campaigns.previewCount', { n: num(preview.data.count, locale) })}</p>
            <ul className="small">
              {preview.data.sample.map((s) => (
                <li key={s.merchantId}>
                  <a href={href(`/merchants/${s.merchantId}`)}>{s.merchantId}</a>
                </li>
              ))}
            </ul>
          </Card>
        )}
        <ErrorBox error={results.error} />
        {r && <ResultsCards r={r} />}
      </div>
    </>
  );
}

function ResultsCards({ r }: { r: Results }) {
  const { t, label, locale } = useI18n();
  const treatment = r.arms.treatment ?? {
    enrolled: 0,
    converted: 0,
    conversionRate: null,
    windowFeeMinor: 0,
  };
  const holdout = r.arms.holdout ?? { enrolled: 0, converted: 0, conversionRate: null, windowFeeMinor: 0 };
  const funnel = [
    { step: t('funnel.enrolled'), n: treatment.enrolled },
    { step: t('funnel.contacted'), n: r.funnel.contacted },
    { step: t('funnel.delivered'), n: r.funnel.delivered },
    { step: t('funnel.converted'), n: treatment.converted },
  ];
  const u = r.uplift;
  const arms = [
    { arm: label('arm', 'treatment'), rate: (treatment.conversionRate ?? 0) * 100 },
    { arm: label('arm', 'holdout'), rate: (holdout.conversionRate ?? 0) * 100 },
  ];
  const upliftData =
    u.difference !== null && u.lower !== null && u.upper !== null
      ? [
          {
            name: t('campaigns.uplift'),
            d: u.difference * 100,
            err: [(u.difference - u.lower) * 100, (u.upper - u.difference) * 100],
          },
        ]
      : [];
  return (
    <>
      <Card title={t('campaigns.funnel')}>
        <div className="chart" role="img" aria-label={t('campaigns.funnel')} data-testid="funnel">
          <ResponsiveContainer width="100%" height={200}>
            <BarChart data={funnel} layout="vertical">
              <XAxis type="number" fontSize={11} allowDecimals={false} />
              <YAxis type="category" dataKey="step" width={90} fontSize={11} />
              <Tooltip />
              <Bar dataKey="n" fill="#3b6fd8" name={t('field.count')} />
            </BarChart>
          </ResponsiveContainer>
        </div>
        <KeyValues
          rows={[
            [t('funnel.enrolled'), num(treatment.enrolled, locale)],
            [t('funnel.contacted'), num(r.funnel.contacted, locale)],
            [
              t('funnel.delivered'),
              <span key="d" data-testid="funnel-delivered">
                {num(r.funnel.delivered, locale)}
              </span>,
            ],
            [t('funnel.failed'), num(r.funnel.failed, locale)],
            [
              t('funnel.converted'),
              <span key="c" data-testid="converted">
                {num(treatment.converted, locale)}
              </span>,
            ],
            [
              t('funnel.offersAccepted'),
              <span key="o" data-testid="offers-accepted">
                {num(r.funnel.offersAccepted, locale)}
              </span>,
            ],
          ]}
        />
        <h3>{t('campaigns.skipReasons')}</h3>
        <Empty show={Object.keys(r.funnel.skippedByReason).length === 0} />
        <ul className="small">
          {Object.entries(r.funnel.skippedByReason).map(([k, v]) => (
            <li key={k}>
              {label('skip', k)}: {num(v, locale)}
            </li>
          ))}
        </ul>
      </Card>
      <Card title={t('campaigns.conversion')}>
        <div className="chart" role="img" aria-label={t('campaigns.conversion')}>
          <ResponsiveContainer width="100%" height={160}>
            <BarChart data={arms}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="arm" fontSize={11} />
              <YAxis unit="%" fontSize={11} />
              <Tooltip />
              <Bar dataKey="rate" fill="#5a9e6f" name={t('campaigns.conversionRate')} />
            </BarChart>
          </ResponsiveContainer>
        </div>
        <p data-testid="uplift">
          {t('campaigns.upliftLine', {
            d: percent(u.difference),
            lo: percent(u.lower),
            hi: percent(u.upper),
          })}
        </p>
        {upliftData.length > 0 && (
          <div className="chart" role="img" aria-label={t('campaigns.upliftChart')}>
            <ResponsiveContainer width="100%" height={120}>
              <BarChart data={upliftData} layout="vertical">
                <XAxis type="number" unit="pp" fontSize={11} />
                <YAxis type="category" dataKey="name" width={70} fontSize={11} />
                <ReferenceLine x={0} stroke="#666" />
                <Bar dataKey="d" fill="#d9822b" name={t('campaigns.uplift')}>
                  <ErrorBar dataKey="err" width={8} strokeWidth={2} stroke="#333" direction="x" />
                </Bar>
              </BarChart>
            </ResponsiveContainer>
          </div>
        )}
        <KeyValues
          rows={[
            [t('campaigns.offerCost'), money(r.funnel.offerCostMinor, locale)],
            [t('campaigns.incrementalFee'), money(r.incrementalFeeMinor, locale)],
          ]}
        />
      </Card>
    </>
  );
}
