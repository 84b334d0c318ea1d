import { FormEvent, useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { svc } from '../api';
import { Card, ErrorBox, Field, KeyValues, Loading } from '../components';
import { addDays, dateTime, num, todayIn } from '../format';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session';

interface RankingMetrics {
  auc: number;
  topDecileCapture: number;
  topDecileLift: number;
  rocCurve?: Array<{ fpr: number; tpr: number }>;
  liftCurve?: Array<{ depth: number; capture: number; lift: number }>;
}

interface Backtest {
  asOfDate: string;
  horizonDays: number;
  merchants: number;
  positives: number;
  baseRate: number;
  score: RankingMetrics;
  recency: RankingMetrics;
  definition?: string;
}

/** Merge two curves on their x so recharts draws both lines on one axis. */
function merge<T>(a: T[] | undefined, b: T[] | undefined, x: keyof T, y: keyof T) {
  const map = new Map<number, Record<string, number>>();
  for (const [name, curve] of [
    ['score', a],
    ['recency', b],
  ] as const) {
    for (const p of curve ?? []) {
      const key = Number(p[x]);
      const row = map.get(key) ?? { x: key };
      row[name] = Number(p[y]);
      map.set(key, row);
    }
  }
  return [...map.values()].sort((p, q) => p.x - q.x);
}

export function ModelScreen() {
  const { t, locale } = useI18n();
  const { can } = useSession();
  const model = useLoad(() => svc('churn').get<Record<string, unknown>>('/v1/models/current'), []);
  const hazard = useLoad(
    () =>
      svc('churn')
        .get<Record<string, unknown>>('/v1/models/hazard')
        .catch(() => null),
    [],
  );
  const [asOfDate, setAsOfDate] = useState(() => addDays(todayIn(undefined), -60));
  const [horizon, setHorizon] = useState('30');
  const [report, setReport] = useState<Backtest | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setReport(
        await svc('churn').post<Backtest>('/v1/backtests', { asOfDate, horizonDays: Number(horizon) }),
      );
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const m = model.data;
  const params = (m?.params ?? {}) as Record<string, number>;
  return (
    <div className="screen">
      <h1>{t('model.title')}</h1>
      <div className="grid">
        <Card title={t('model.current')}>
          <ErrorBox error={model.error} />
          <Loading show={model.loading} />
          {m && (
            <KeyValues
              rows={[
                [t('field.version'), String(m.version)],
                [t('field.source'), String(m.source)],
                [t('field.asOfDate'), String(m.asOfDate)],
                [t('field.fittedAt'), dateTime(String(m.fittedAt), undefined, locale)],
                ['r, α, a, b', ['r', 'alpha', 'a', 'b'].map((k) => (params[k] ?? 0).toFixed(3)).join(', ')],
              ]}
            />
          )}
          {hazard.data && (
            <p className="small muted">{t('model.hazard', { v: String(hazard.data.version ?? '—') })}</p>
          )}
        </Card>
        <Card title={t('model.backtest')}>
          <form className="filters" onSubmit={(e) => void run(e)}>
            <Field label={t('field.asOfDate')}>
              <input type="date" required value={asOfDate} onChange={(e) => setAsOfDate(e.target.value)} />
            </Field>
            <Field label={t('field.horizonDays')}>
              <input
                type="number"
                min="1"
                max="180"
                required
                value={horizon}
                onChange={(e) => setHorizon(e.target.value)}
              />
            </Field>
            <button type="submit" className="primary" disabled={busy || !can('risk:write')}>
              {t('model.run')}
            </button>
          </form>
          {!can('risk:write') && <p className="muted small">{t('model.needsWrite')}</p>}
          <ErrorBox error={error} />
          <Loading show={busy} />
          {report && (
            <>
              <KeyValues
                rows={[
                  [t('field.merchants'), num(report.merchants, locale)],
                  [t('field.positives'), num(report.positives, locale)],
                  [t('model.auc'), `${report.score.auc.toFixed(3)} vs ${report.recency.auc.toFixed(3)}`],
                  [
                    t('model.topDecileLift'),
                    `${report.score.topDecileLift.toFixed(2)} vs ${report.recency.topDecileLift.toFixed(2)}`,
                  ],
                ]}
              />
              <h3>{t('model.roc')}</h3>
              <div className="chart" role="img" aria-label={t('model.roc')}>
                <ResponsiveContainer width="100%" height={260}>
                  <LineChart data={merge(report.score.rocCurve, report.recency.rocCurve, 'fpr', 'tpr')}>
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis dataKey="x" type="number" domain={[0, 1]} fontSize={11} />
                    <YAxis domain={[0, 1]} fontSize={11} />
                    <Tooltip />
                    <Legend />
                    <Line dataKey="score" name={t('model.score')} stroke="#3b6fd8" dot={false} connectNulls />
                    <Line
                      dataKey="recency"
                      name={t('model.recency')}
                      stroke="#d9822b"
                      dot={false}
                      connectNulls
                    />
                  </LineChart>
                </ResponsiveContainer>
              </div>
              <h3>{t('model.lift')}</h3>
              <div className="chart" role="img" aria-label={t('model.lift')}>
                <ResponsiveContainer width="100%" height={220}>
                  <LineChart data={merge(report.score.liftCurve, report.recency.liftCurve, 'depth', 'lift')}>
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis dataKey="x" type="number" domain={[0, 1]} fontSize={11} />
                    <YAxis fontSize={11} />
                    <Tooltip />
                    <Legend />
                    <Line dataKey="score" name={t('model.score')} stroke="#3b6fd8" connectNulls />
                    <Line dataKey="recency" name={t('model.recency')} stroke="#d9822b" connectNulls />
                  </LineChart>
                </ResponsiveContainer>
              </div>
            </>
          )}
        </Card>
      </div>
    </div>
  );
}
