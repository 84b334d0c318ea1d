import { ReactNode } from 'react';
import { ApiError } from './api';
import { useI18n } from './i18n/i18n';

export function ErrorBox({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  let text = error instanceof Error ? error.message : String(error);
  if (error instanceof ApiError && error.status === 403) text = t('error.forbidden');
  else if (error instanceof ApiError && error.status === 404) text = t('error.notFound');
  return (
    <div className="error" role="alert">
      {text}
    </div>
  );
}

export function Loading({ show }: { show: boolean }) {
  const { t } = useI18n();
  return show ? (
    <p className="muted" role="status" aria-live="polite">
      {t('common.loading')}
    </p>
  ) : null;
}

export function Card({
  title,
  children,
  actions,
}: {
  title: string;
  children: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <section className="card" aria-label={title}>
      <header className="card-head">
        <h2>{title}</h2>
        {actions}
      </header>
      {children}
    </section>
  );
}

export function Badge({ tone, children }: { tone?: string; children: ReactNode }) {
  return <span className={`badge ${tone ? `badge-${tone}` : ''}`}>{children}</span>;
}

export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="field">
      <span>{label}</span>
      {children}
    </label>
  );
}

export function Empty({ show }: { show: boolean }) {
  const { t } = useI18n();
  return show ? <p className="muted">{t('common.empty')}</p> : null;
}

export function KeyValues({ rows }: { rows: Array<[string, ReactNode]> }) {
  return (
    <dl className="kv">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

export const BAND_TONE: Record<string, string> = {
  critical: 'danger',
  high: 'warn',
  medium: 'info',
  low: 'ok',
};

/**
 * A `<select>` over vocabulary values, each shown through the dictionary's `label(group, value)`; `all`
 * puts an empty "all" option first (for filters).
 */
export function VocabularySelect({
  value,
  values,
  group,
  all = false,
  onChange,
}: {
  value: string;
  values: readonly string[];
  group: string;
  all?: boolean;
  onChange: (value: string) => void;
}) {
  const { t, label } = useI18n();
  return (
    <select value={value} onChange={(e) => onChange(e.target.value)}>
      {all && <option value="">{t('common.all')}</option>}
      {values.map((v) => (
        <option key={v} value={v}>
          {label(group, v)}
        </option>
      ))}
    </select>
  );
}
