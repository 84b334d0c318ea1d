import { useState } from 'react';
import { svc } from '../api';
import { Badge, BAND_TONE, Card, Empty, ErrorBox, KeyValues, Loading } from '../components';
import { dateTime, mask, money } from '../format';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n/i18n';
import { href, navigate } from '../router';

interface PhoneTask {
  id: string;
  campaignId: string;
  merchantId: string;
  purpose: string;
  state: string;
  phoneMasked: string | null;
  script: string;
  offer: { kind: string; discountBps?: number; days?: number } | null;
  claimedBy: string | null;
  claimedUntil: string | null;
  outcome: string | null;
  createdAt: string;
}

interface PhoneTaskDetail {
  task: PhoneTask;
  merchant: {
    merchantId: string;
    displayName: string;
    status: string;
    behaviourTier: string;
    valueTier: string;
    riskBand: string | null;
    riskScore: number | null;
    reasonCodes: string[];
    lastApprovedDate: string | null;
    trailingVolumeMinor: number | null;
    openTickets: number;
    degradedTerminals: number;
  } | null;
  phone?: string | null;
}

export const OUTCOMES = [
  'reached',
  'no_answer',
  'accepted_offer',
  'declined',
  'do_not_contact',
  'wrong_number',
];

/** The call queue: my claims first, then open tasks; claim shows the number, one click records the outcome. */
export function CallTasksScreen({ taskId }: { taskId?: string }) {
  const { t, label, locale } = useI18n();
  const queue = useLoad(
    () => svc('campaigns').get<{ items: PhoneTask[] }>('/v1/phone-tasks', { limit: 50 }),
    [taskId],
  );
  return (
    <div className="screen">
      <h1>{t('calls.title')}</h1>
      <div className="split">
        <section aria-label={t('calls.queue')} className="card">
          <h2>{t('calls.queue')}</h2>
          <ErrorBox error={queue.error} />
          <Loading show={queue.loading} />
          <Empty show={!!queue.data && queue.data.items.length === 0} />
          <ul className="queue" data-testid="call-queue">
            {(queue.data?.items ?? []).map((task) => (
              <li key={task.id} className={task.id === taskId ? 'current' : undefined}>
                <a href={href(`/calls/${task.id}`)} aria-current={task.id === taskId ? 'true' : undefined}>
                  {task.merchantId}
                </a>{' '}
                <Badge tone={task.claimedBy ? 'info' : undefined}>
                  {task.claimedBy ? t('calls.claimed') : label('taskState', task.state)}
                </Badge>
                <div className="muted small">
                  {label('purpose', task.purpose)} · {dateTime(task.createdAt, undefined, locale)}
                </div>
              </li>
            ))}
          </ul>
        </section>
        {taskId ? (
          <TaskPanel key={taskId} id={taskId} onChange={queue.reload} />
        ) : (
          <p className="muted">{t('calls.pick')}</p>
        )}
      </div>
    </div>
  );
}

function TaskPanel({ id, onChange }: { id: string; onChange(): void }) {
  const { t, label, locale } = useI18n();
  const detail = useLoad(() => svc('campaigns').get<PhoneTaskDetail>(`/v1/phone-tasks/${id}`), [id]);
  const [claimed, setClaimed] = useState<PhoneTaskDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState('');
  const [note, setNote] = useState('');
  const d = claimed ?? detail.data;
  const run = async (fn: () => Promise<void>) => {
    setError(null);
    try {
      await fn();
      onChange();
    } catch (e) {
      setError(e);
    }
  };
  const claim = () =>
    run(async () => setClaimed(await svc('campaigns').post<PhoneTaskDetail>(`/v1/phone-tasks/${id}/claim`)));
  const release = () =>
    run(async () => {
      await svc('campaigns').post(`/v1/phone-tasks/${id}/release`);
      setClaimed(null);
      detail.reload();
    });
  const record = (outcome: string) =>
    run(async () => {
      await svc('campaigns').post(`/v1/phone-tasks/${id}/outcome`, { outcome, ...(note ? { note } : {}) });
      setDone(outcome);
      setClaimed(null);
      detail.reload();
    });
  if (detail.error) return <ErrorBox error={detail.error} />;
  if (!d) return <Loading show />;
  const task = d.task;
  const mine = !!claimed || (!!task.claimedBy && !!task.claimedUntil);
  const m = d.merchant;
  return (
    <Card title={m?.displayName ?? task.merchantId}>
      <KeyValues
        rows={[
          [
            t('field.merchant'),
            <a key="m" href={href(`/merchants/${task.merchantId}`)}>
              {task.merchantId}
            </a>,
          ],
          [t('field.state'), label('taskState', task.state)],
          [
            t('field.phone'),
            <span key="p" data-testid="task-phone">
              {d.phone ?? mask(task.phoneMasked)}
            </span>,
          ],
          [t('field.claimedUntil'), dateTime(task.claimedUntil, undefined, locale)],
          [
            t('field.offer'),
            task.offer
              ? `${label('offer', task.offer.kind)} ${task.offer.discountBps ?? ''}bps ${task.offer.days ?? ''}d`
              : '—',
          ],
        ]}
      />
      <h3>{t('calls.script')}</h3>
      <blockquote className="script">{task.script}</blockquote>
      {m && (
        <>
          <h3>{t('calls.context')}</h3>
          <p>
            {m.riskBand && <Badge tone={BAND_TONE[m.riskBand]}>{label('band', m.riskBand)}</Badge>}{' '}
            {label('tier', m.behaviourTier)} · {label('value', m.valueTier)} ·{' '}
            {m.reasonCodes.map((r) => label('reason', r)).join('、')}
          </p>
          <p className="small">
            {t('calls.lastApproved', { date: m.lastApprovedDate ?? '—' })} ·{' '}
            {t('calls.volume', { v: money(m.trailingVolumeMinor, locale) })} ·{' '}
            {t('calls.openTickets', { n: m.openTickets })} · {t('calls.degraded', { n: m.degradedTerminals })}
          </p>
        </>
      )}
      <ErrorBox error={error} />
      {done && (
        <p className="ok-text" role="status" data-testid="outcome-recorded">
          {t('calls.recorded', { outcome: label('outcome', done) })}
        </p>
      )}
      {!task.outcome && !done && (
        <div className="actions">
          {!mine ? (
            <button type="button" className="primary" onClick={() => void claim()}>
              {t('calls.claim')}
            </button>
          ) : (
            <>
              <label className="field">
                <span>{t('calls.note')}</span>
                <input value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
              </label>
              <div className="outcomes" role="group" aria-label={t('calls.outcome')}>
                {OUTCOMES.map((o) => (
                  <button key={o} type="button" data-outcome={o} onClick={() => void record(o)}>
                    {label('outcome', o)}
                  </button>
                ))}
              </div>
              <button type="button" onClick={() => void release()}>
                {t('calls.release')}
              </button>
            </>
          )}
        </div>
      )}
      {(task.outcome || done) && (
        <button type="button" onClick={() => navigate('/calls')}>
          {t('calls.nextTask')}
        </button>
      )}
    </Card>
  );
}
