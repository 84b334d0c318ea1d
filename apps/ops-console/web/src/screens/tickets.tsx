import { FormEvent, useState } from 'react';
import { svc } from '../api';
import { Badge, Card, Empty, ErrorBox, Field, KeyValues, Loading } from '../components';
import { dateTime, duration } from '../format';
import { useLoad, useNow } from '../hooks';
import { useI18n } from '../i18n/i18n';
import { href, navigate, Route } from '../router';
import { useSession } from '../session';
import { slaState, TicketRow } from '../sla';

export type { TicketRow } from '../sla';

const STATUSES = ['open', 'assigned', 'in_progress', 'waiting_on_merchant', 'resolved', 'closed'];
/** The offset between the tickets service's clock (a simulation clock in tests and the demo) and ours. */
function useServiceClockOffset(): number {
  const clock = useLoad(async () => {
    const before = Date.now();
    const c = await svc('tickets').get<{ now: string }>('/v1/clock');
    return Date.parse(c.now) - (before + Date.now()) / 2;
  }, []);
  return clock.data ?? 0;
}

export function SlaTimer({ ticket, offsetMs }: { ticket: TicketRow; offsetMs: number }) {
  const { t } = useI18n();
  const now = useNow(1000, offsetMs);
  const { state, remainingMs } = slaState(ticket, now);
  if (state === 'none') return <span className="muted">—</span>;
  return (
    <span className={`sla sla-${state}`} data-sla={state} data-testid="sla-timer">
      {state === 'breached'
        ? t('tickets.breachedBy', { d: duration(-(remainingMs ?? 0)) })
        : duration(remainingMs ?? 0)}
    </span>
  );
}

export function TicketTable({ tickets, offsetMs }: { tickets: TicketRow[]; offsetMs: number }) {
  const { t, label, locale } = useI18n();
  if (tickets.length === 0) return <Empty show />;
  return (
    <div className="table-wrap">
      <table className="table compact">
        <thead>
          <tr>
            <th scope="col">{t('field.subject')}</th>
            <th scope="col">{t('field.status')}</th>
            <th scope="col">{t('field.priority')}</th>
            <th scope="col">{t('field.openedAt')}</th>
            <th scope="col">{t('field.sla')}</th>
          </tr>
        </thead>
        <tbody>
          {tickets.map((x) => (
            <tr key={x.id}>
              <td>
                <a href={href(`/tickets/${x.id}`)}>{x.subject}</a>
              </td>
              <td>{label('ticketStatus', x.status)}</td>
              <td>{label('priority', x.priority)}</td>
              <td>{dateTime(x.openedAt, undefined, locale)}</td>
              <td>
                <SlaTimer ticket={x} offsetMs={offsetMs} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function TicketsScreen({ ticketId, route }: { ticketId?: string; route: Route }) {
  return ticketId ? <TicketPage id={ticketId} /> : <TicketBoard route={route} />;
}

function TicketBoard({ route }: { route: Route }) {
  const { t, label, locale } = useI18n();
  const team = route.query.get('team') ?? '';
  const status = route.query.get('status') ?? '';
  const offsetMs = useServiceClockOffset();
  const now = useNow(1000, offsetMs);
  const teams = useLoad(() => svc('tickets').get<Array<{ id: string; name: string }>>('/v1/teams'), []);
  const tickets = useLoad(
    () => svc('tickets').get<TicketRow[]>('/v1/tickets', { teamId: team, status, limit: 200 }),
    [team, status],
  );
  const columns = status ? [status] : STATUSES.filter((s) => s !== 'closed');
  const list = tickets.data ?? [];
  const counts = { breached: 0, warning: 0 };
  for (const x of list) {
    const s = slaState(x, now).state;
    if (s === 'breached') counts.breached++;
    if (s === 'warning') counts.warning++;
  }
  return (
    <div className="screen">
      <h1>{t('tickets.title')}</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label={t('common.filters')}>
        <Field label={t('field.team')}>
          <select value={team} onChange={(e) => navigate('/tickets', { team: e.target.value, status })}>
            <option value="">{t('common.all')}</option>
            {(teams.data ?? []).map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('field.status')}>
          <select value={status} onChange={(e) => navigate('/tickets', { team, status: e.target.value })}>
            <option value="">{t('tickets.allOpen')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {label('ticketStatus', s)}
              </option>
            ))}
          </select>
        </Field>
        <button type="button" onClick={tickets.reload}>
          {t('common.refresh')}
        </button>
      </form>
      <p aria-live="polite">
        <Badge tone="danger">{t('tickets.breachedCount', { n: counts.breached })}</Badge>{' '}
        <Badge tone="warn">{t('tickets.warningCount', { n: counts.warning })}</Badge>{' '}
        <span className="muted small">
          {t('tickets.clock', { now: dateTime(new Date(now).toISOString(), undefined, locale) })}
        </span>
      </p>
      <ErrorBox error={tickets.error ?? teams.error} />
      <Loading show={tickets.loading} />
      <div className="board">
        {columns.map((col) => {
          const inCol = list.filter((x) => x.status === col);
          return (
            <section key={col} className="column" aria-label={label('ticketStatus', col)}>
              <h2>
                {label('ticketStatus', col)} <span className="muted">({inCol.length})</span>
              </h2>
              <ul>
                {inCol.map((x) => {
                  const s = slaState(x, now).state;
                  return (
                    <li key={x.id} className={`ticket-card sla-card-${s}`} data-ticket-id={x.id} data-sla={s}>
                      <a href={href(`/tickets/${x.id}`)}>{x.subject}</a>
                      <div className="small">
                        {label('priority', x.priority)} · {label('category', x.category)}
                      </div>
                      <div className="small">
                        {x.teamId} {x.assigneeId ? `· ${x.assigneeId}` : ''}
                      </div>
                      <SlaTimer ticket={x} offsetMs={offsetMs} />
                    </li>
                  );
                })}
              </ul>
            </section>
          );
        })}
      </div>
    </div>
  );
}

interface TicketDetail {
  ticket: TicketRow & {
    terminalId: string | null;
    channel: string;
    nextStep: string | null;
    verifiedAt: string | null;
  };
  resolutionNote: string | null;
  messages: Array<{
    id?: string;
    kind: string;
    body: string;
    author?: string;
    createdAt?: string;
    at?: string;
  }>;
  fieldVisits: Array<{ id: string; status: string; windowStart?: string; windowEnd?: string }>;
}

interface HistoryEntry {
  at: string;
  actor: string;
  action: string;
  field: string | null;
  oldValue: unknown;
  newValue: unknown;
  reason: string | null;
}

const NEXT_STATUS: Record<string, string[]> = {
  open: ['in_progress'],
  assigned: ['in_progress', 'waiting_on_merchant'],
  in_progress: ['waiting_on_merchant', 'resolved'],
  waiting_on_merchant: ['in_progress', 'resolved'],
  resolved: ['closed', 'in_progress'],
  closed: [],
};

function TicketPage({ id }: { id: string }) {
  const { t, label, locale } = useI18n();
  const { can } = useSession();
  const offsetMs = useServiceClockOffset();
  const detail = useLoad(
    () => svc('tickets').get<TicketDetail>(`/v1/tickets/${encodeURIComponent(id)}`),
    [id],
  );
  const history = useLoad(
    () => svc('tickets').get<HistoryEntry[]>(`/v1/tickets/${encodeURIComponent(id)}/history`),
    [id],
  );
  const [reply, setReply] = useState('');
  const [kind, setKind] = useState<'note' | 'reply'>('note');
  const [error, setError] = useState<unknown>(null);
  const act = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
      detail.reload();
      history.reload();
    } catch (e) {
      setError(e);
    }
  };
  const send = (e: FormEvent) => {
    e.preventDefault();
    void act(async () => {
      await svc('tickets').post(`/v1/tickets/${id}/messages`, { kind, body: reply });
      setReply('');
    });
  };
  const d = detail.data;
  if (detail.error) return <ErrorBox error={detail.error} />;
  if (!d) return <Loading show />;
  const x = d.ticket;
  return (
    <div className="screen">
      <p>
        <a href={href('/tickets')}>← {t('tickets.back')}</a>
      </p>
      <h1>{x.subject}</h1>
      <div className="grid">
        <Card title={t('tickets.details')}>
          <KeyValues
            rows={[
              [t('field.status'), label('ticketStatus', x.status)],
              [t('field.priority'), label('priority', x.priority)],
              [t('field.category'), label('category', x.category)],
              [
                t('field.merchant'),
                <a key="m" href={href(`/merchants/${x.merchantId}`)}>
                  {x.merchantId}
                </a>,
              ],
              [t('field.team'), `${x.teamId}${x.assigneeId ? ` · ${x.assigneeId}` : ''}`],
              [t('field.openedAt'), dateTime(x.openedAt, undefined, locale)],
              [t('field.resolutionDue'), dateTime(x.resolutionDueAt, undefined, locale)],
              [t('field.sla'), <SlaTimer key="sla" ticket={x} offsetMs={offsetMs} />],
              [
                t('field.verification'),
                x.verifiedBy
                  ? `${label('verifiedBy', x.verifiedBy)} ${dateTime(x.verifiedAt, undefined, locale)}`
                  : t('tickets.notVerified'),
              ],
              [t('field.nextStep'), x.nextStep ?? '—'],
            ]}
          />
          {can('tickets:write') && (
            <div className="actions">
              {(NEXT_STATUS[x.status] ?? []).map((to) => (
                <button
                  key={to}
                  type="button"
                  onClick={() =>
                    void act(() =>
                      svc('tickets').post(`/v1/tickets/${id}/status`, {
                        to,
                        ...(to === 'resolved' ? { resolution: t('tickets.resolvedFromConsole') } : {}),
                      }),
                    )
                  }
                >
                  {t('tickets.moveTo', { status: label('ticketStatus', to) })}
                </button>
              ))}
            </div>
          )}
          <ErrorBox error={error} />
        </Card>
        <Card title={t('tickets.messages')}>
          <Empty show={d.messages.length === 0} />
          <ol className="timeline">
            {d.messages.map((m, i) => (
              <li key={m.id ?? i}>
                <Badge>{label('messageKind', m.kind)}</Badge> {m.body}{' '}
                <span className="muted small">
                  {m.author ?? ''} {dateTime(m.createdAt ?? m.at, undefined, locale)}
                </span>
              </li>
            ))}
          </ol>
          {can('tickets:write') && (
            <form onSubmit={send} className="stack">
              <Field label={t('tickets.messageKind')}>
                <select value={kind} onChange={(e) => setKind(e.target.value === 'reply' ? 'reply' : 'note')}>
                  <option value="note">{label('messageKind', 'note')}</option>
                  <option value="reply">{label('messageKind', 'reply')}</option>
                </select>
              </Field>
              <Field label={t('tickets.messageBody')}>
                <textarea
                  value={reply}
                  required
                  maxLength={5000}
                  onChange={(e) => setReply(e.target.value)}
                />
              </Field>
              <button type="submit" className="primary">
                {t('common.send')}
              </button>
            </form>
          )}
        </Card>
        <Card title={t('tickets.fieldVisits')}>
          <Empty show={d.fieldVisits.length === 0} />
          <ul>
            {d.fieldVisits.map((v) => (
              <li key={v.id}>
                {v.status} {dateTime(v.windowStart, undefined, locale)} →{' '}
                {dateTime(v.windowEnd, undefined, locale)}
              </li>
            ))}
          </ul>
        </Card>
        <Card title={t('tickets.history')}>
          <ErrorBox error={history.error} />
          <ol className="timeline" data-testid="ticket-history">
            {(history.data ?? []).map((h, i) => (
              <li key={i}>
                <time dateTime={h.at}>{dateTime(h.at, undefined, locale)}</time> <strong>{h.action}</strong>{' '}
                {h.field ? `${h.field}: ${String(h.oldValue ?? '—')} → ${String(h.newValue ?? '—')}` : ''}{' '}
                <span className="muted small">
                  {h.actor} {h.reason ?? ''}
                </span>
              </li>
            ))}
          </ol>
        </Card>
      </div>
    </div>
  );
}
