import { FormEvent, useState } from 'react';
import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ApiError, svc } from '../api';
import { Badge, Card, Empty, ErrorBox, Field, KeyValues, Loading } from '../components';
import { dateTime, money, num, todayIn } from '../format';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session';

interface Reconciliation {
  acquirerId: string;
  date: string;
  received: number;
  accepted: { count: number; amountMinor: number; feeMinor: number };
  duplicate: number;
  rejected: { count: number; amountMinor: number; byReason: Record<string, number> };
  parked: number;
  redriven?: { count: number; byReason: Record<string, number>; byOutcome: Record<string, number> };
  balanced?: boolean;
}

interface DeadLetter {
  id: string;
  reason: string;
  detail: string;
  acquirerId: string;
  businessDate: string;
  merchantId: string | null;
  transactionId: string | null;
  amountMinor: number | null;
  preview: string;
  firstSeenAt: string;
  status: string;
  redrive: { attempt: number; requestedBy: string; outcome: string | null } | null;
}

interface DeadLetterDetail extends DeadLetter {
  valueBase64: string;
  headers: Record<string, string>;
  redrivable: boolean;
  notRedrivableBecause: string | null;
}

interface RedriveAnswer {
  results: Array<{ id: string; outcome: string; attempt: number | null }>;
  republished: number;
  alreadyRedriven: number;
}

const STORAGE_KEY = 'ops-console.acquirer';
const SETTLE_POLLS = 30;

/** Polls the re-driven letters until none is `redrive_requested` any more (or ~30 s have passed). */
async function settled(ids: string[]): Promise<void> {
  for (let i = 0; i < SETTLE_POLLS && ids.length > 0; i++) {
    const letters = await Promise.all(
      ids.map((id) => svc('ingestion').get<DeadLetter>(`/v1/dead-letters/${id}`)),
    );
    if (letters.every((d) => d.status !== 'redrive_requested')) return;
    await new Promise((resolve) => window.setTimeout(resolve, 1_000));
  }
}

/** Reconciliation per acquirer and day, rejects by reason, and the dead-letter browser with re-drive. */
export function IngestionScreen() {
  const { t } = useI18n();
  const { can } = useSession();
  const [acquirerId, setAcquirerId] = useState(() => window.localStorage.getItem(STORAGE_KEY) ?? 'ACQ-1');
  const [date, setDate] = useState(() => todayIn(undefined));
  const [form, setForm] = useState({ acquirerId, date });
  const [version, setVersion] = useState(0);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    window.localStorage.setItem(STORAGE_KEY, acquirerId);
    setForm({ acquirerId, date });
  };
  return (
    <div className="screen">
      <h1>{t('ingestion.title')}</h1>
      <form className="filters" onSubmit={submit}>
        <Field label={t('field.acquirer')}>
          <input required value={acquirerId} onChange={(e) => setAcquirerId(e.target.value)} />
        </Field>
        <Field label={t('field.date')}>
          <input type="date" required value={date} onChange={(e) => setDate(e.target.value)} />
        </Field>
        <button type="submit" className="primary">
          {t('common.show')}
        </button>
      </form>
      <div className="grid">
        <ReconciliationCard acquirerId={form.acquirerId} date={form.date} version={version} />
        {can('dead-letters:read') && (
          <DeadLetters acquirerId={form.acquirerId} onRedriven={() => setVersion((v) => v + 1)} />
        )}
      </div>
    </div>
  );
}

function ReconciliationCard({
  acquirerId,
  date,
  version,
}: {
  acquirerId: string;
  date: string;
  version: number;
}) {
  const { t, label, locale } = useI18n();
  const rec = useLoad(
    () => svc('ingestion').get<Reconciliation>('/v1/reconciliation', { acquirerId, date }),
    [acquirerId, date, version],
  );
  const r = rec.data;
  const reasons = Object.entries(r?.rejected.byReason ?? {}).map(([reason, n]) => ({
    reason: label('reject', reason),
    n,
  }));
  return (
    <Card title={t('ingestion.reconciliation')}>
      <ErrorBox error={rec.error} />
      <Loading show={rec.loading} />
      {r && (
        <>
          <p className="equation" data-testid="reconciliation">
            {t('ingestion.equation', {
              received: num(r.received, locale),
              accepted: num(r.accepted.count, locale),
              duplicate: num(r.duplicate, locale),
              rejected: num(r.rejected.count, locale),
              parked: num(r.parked, locale),
            })}{' '}
            {r.received === r.accepted.count + r.duplicate + r.rejected.count + r.parked ? (
              <Badge tone="ok">{t('ingestion.balanced')}</Badge>
            ) : (
              <Badge tone="danger">{t('ingestion.unbalanced')}</Badge>
            )}
          </p>
          <KeyValues
            rows={[
              [t('field.acceptedAmount'), money(r.accepted.amountMinor, locale)],
              [t('field.fees'), money(r.accepted.feeMinor, locale)],
              [t('field.rejectedAmount'), money(r.rejected.amountMinor, locale)],
              [
                t('ingestion.redriven'),
                <span key="r">
                  <span data-testid="redriven-count">{num(r.redriven?.count ?? 0, locale)}</span>
                  <span data-testid="redriven-outcomes">
                    {Object.entries(r.redriven?.byOutcome ?? {}).map(
                      ([outcome, n]) => ` · ${label('redriveOutcome', outcome)} ${num(n, locale)}`,
                    )}
                  </span>
                </span>,
              ],
            ]}
          />
          <h3>{t('ingestion.rejectsByReason')}</h3>
          <Empty show={reasons.length === 0} />
          {reasons.length > 0 && (
            <div className="chart" role="img" aria-label={t('ingestion.rejectsByReason')}>
              <ResponsiveContainer width="100%" height={Math.max(120, reasons.length * 32)}>
                <BarChart data={reasons} layout="vertical">
                  <XAxis type="number" allowDecimals={false} fontSize={11} />
                  <YAxis type="category" dataKey="reason" width={140} fontSize={11} />
                  <Tooltip />
                  <Bar dataKey="n" fill="#c0392b" name={t('field.count')} />
                </BarChart>
              </ResponsiveContainer>
            </div>
          )}
        </>
      )}
    </Card>
  );
}

function DeadLetters({ acquirerId, onRedriven }: { acquirerId: string; onRedriven(): void }) {
  const { t, label, locale } = useI18n();
  const { can } = useSession();
  const [status, setStatus] = useState('dead');
  const [cursors, setCursors] = useState<Array<string | undefined>>([undefined]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [open, setOpen] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<unknown>(null);
  const list = useLoad(
    () =>
      svc('ingestion').get<{ items: DeadLetter[]; nextCursor: string | null }>('/v1/dead-letters', {
        acquirerId,
        status,
        limit: 25,
        cursor: cursors[cursors.length - 1],
      }),
    [acquirerId, status, cursors],
  );
  const redrive = async () => {
    setError(null);
    setMessage('');
    try {
      const r = await svc('ingestion').post<RedriveAnswer>('/v1/dead-letters/redrives', {
        ids: [...selected],
      });
      setMessage(t('ingestion.redriveDone', { n: r.republished, already: r.alreadyRedriven }));
      setSelected(new Set());
      list.reload();
      // The re-drive is asynchronous: the letters stay `redrive_requested` until the consumer reads them back.
      await settled(r.results.filter((x) => x.outcome === 'republished').map((x) => x.id));
      list.reload();
      onRedriven();
    } catch (e) {
      // 409: nothing republished, every letter was re-driven before (another operator, a stale page).
      setError(e instanceof ApiError && e.status === 409 ? new Error(t('ingestion.redriveRefused')) : e);
      list.reload();
    }
  };
  const items = list.data?.items ?? [];
  return (
    <Card title={t('ingestion.deadLetters')}>
      <div className="filters">
        <Field label={t('field.status')}>
          <select
            value={status}
            onChange={(e) => {
              setStatus(e.target.value);
              setCursors([undefined]);
            }}
          >
            {['dead', 'redrive_requested', 'redriven'].map((s) => (
              <option key={s} value={s}>
                {label('dlStatus', s)}
              </option>
            ))}
          </select>
        </Field>
        {can('dead-letters:redrive') && (
          <button
            type="button"
            className="primary"
            disabled={selected.size === 0}
            onClick={() => void redrive()}
          >
            {t('ingestion.redrive', { n: selected.size })}
          </button>
        )}
      </div>
      {message && (
        <p className="ok-text" role="status">
          {message}
        </p>
      )}
      <ErrorBox error={error ?? list.error} />
      <Loading show={list.loading} />
      <Empty show={!!list.data && items.length === 0} />
      <ul className="dead-letters" data-testid="dead-letters">
        {items.map((d) => (
          <li key={d.id} data-dead-letter-id={d.id}>
            <label className="inline">
              <input
                type="checkbox"
                disabled={d.status !== 'dead' || !can('dead-letters:redrive')}
                checked={selected.has(d.id)}
                onChange={() =>
                  setSelected((s) => {
                    const n = new Set(s);
                    if (n.has(d.id)) n.delete(d.id);
                    else n.add(d.id);
                    return n;
                  })
                }
              />
              <span>
                <Badge tone="danger">{label('reject', d.reason)}</Badge> {d.transactionId ?? '—'} ·{' '}
                {d.merchantId ?? '—'} · {money(d.amountMinor, locale)}
              </span>
            </label>
            <div className="muted small">
              {dateTime(d.firstSeenAt, undefined, locale)} · {d.businessDate} · {label('dlStatus', d.status)}
              {d.redrive
                ? ` · ${t('ingestion.attempt', { n: d.redrive.attempt })} ${d.redrive.outcome ? label('redriveOutcome', d.redrive.outcome) : ''}`
                : ''}
            </div>
            <button
              type="button"
              className="link-button"
              aria-expanded={open === d.id}
              onClick={() => setOpen(open === d.id ? null : d.id)}
            >
              {open === d.id ? t('common.hide') : t('ingestion.showBytes')}
            </button>
            {open === d.id && <DeadLetterBytes id={d.id} />}
          </li>
        ))}
      </ul>
      <div className="pager">
        <button
          type="button"
          disabled={cursors.length === 1}
          onClick={() => setCursors((c) => c.slice(0, -1))}
        >
          {t('common.previous')}
        </button>
        <button
          type="button"
          disabled={!list.data?.nextCursor}
          onClick={() => setCursors((c) => [...c, list.data?.nextCursor ?? undefined])}
        >
          {t('common.next')}
        </button>
      </div>
    </Card>
  );
}

function decode(base64: string): { text: string; hex: string } {
  const bin = atob(base64);
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const hex = Array.from(bytes.slice(0, 512), (b) => b.toString(16).padStart(2, '0')).join(' ');
  return { text, hex };
}

function DeadLetterBytes({ id }: { id: string }) {
  const { t } = useI18n();
  const detail = useLoad(() => svc('ingestion').get<DeadLetterDetail>(`/v1/dead-letters/${id}`), [id]);
  const d = detail.data;
  if (detail.error) return <ErrorBox error={detail.error} />;
  if (!d) return <Loading show />;
  const { text, hex } = decode(d.valueBase64);
  return (
    <div className="bytes">
      <p className="small">{d.detail}</p>
      {!d.redrivable && <p className="small muted">{d.notRedrivableBecause}</p>}
      <h4>{t('ingestion.headers')}</h4>
      <pre>
        {Object.entries(d.headers)
          .map(([k, v]) => `${k}: ${v}`)
          .join('\n') || '—'}
      </pre>
      <h4>{t('ingestion.original')}</h4>
      <pre>{text}</pre>
      <details>
        <summary>hex</summary>
        <pre>{hex}</pre>
      </details>
    </div>
  );
}
