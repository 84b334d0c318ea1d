import { FormEvent, lazy, Suspense, useState } from 'react';
import { ApiError } from './api';
import { Field, Loading } from './components';
import { LOCALES, useI18n } from './i18n/i18n';
import { MessageKey } from './i18n/zh-CN';
import { href, Route, useRoute } from './router';
import { WorklistScreen } from './screens/worklist';

// The worklist (the landing screen) is in the main bundle; the others, and the charting library, load on
// first visit.
const CallTasksScreen = lazy(() =>
  import('./screens/call-tasks').then((m) => ({ default: m.CallTasksScreen })),
);
const CampaignsScreen = lazy(() =>
  import('./screens/campaigns').then((m) => ({ default: m.CampaignsScreen })),
);
const IngestionScreen = lazy(() =>
  import('./screens/ingestion').then((m) => ({ default: m.IngestionScreen })),
);
const MerchantScreen = lazy(() => import('./screens/merchant').then((m) => ({ default: m.MerchantScreen })));
const ModelScreen = lazy(() => import('./screens/model').then((m) => ({ default: m.ModelScreen })));
const TicketsScreen = lazy(() => import('./screens/tickets').then((m) => ({ default: m.TicketsScreen })));
import { useSession } from './session';

const NAV: Array<{ path: string; key: MessageKey }> = [
  { path: 'worklist', key: 'nav.worklist' },
  { path: 'merchants', key: 'nav.merchants' },
  { path: 'calls', key: 'nav.calls' },
  { path: 'tickets', key: 'nav.tickets' },
  { path: 'campaigns', key: 'nav.campaigns' },
  { path: 'ingestion', key: 'nav.ingestion' },
  { path: 'model', key: 'nav.model' },
];

export function App() {
  const { user, loading } = useSession();
  const route = useRoute();
  if (loading) return null;
  if (!user) return <SignIn />;
  return <Shell route={route} />;
}

function LocaleSwitch() {
  const { locale, setLocale, t } = useI18n();
  const next = LOCALES.find((l) => l !== locale) ?? 'zh-CN';
  return (
    <button type="button" className="link-button" onClick={() => setLocale(next)} lang={next}>
      {t('app.switchLocale')}
    </button>
  );
}

function SignIn() {
  const { t } = useI18n();
  const { signIn } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      await signIn(username.trim(), password);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setError(t('signIn.wrong'));
      else if (err instanceof ApiError && err.status === 429) setError(t('signIn.tooMany'));
      else setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="signin">
      <form className="card signin-card" onSubmit={(e) => void submit(e)} aria-labelledby="signin-title">
        <div className="signin-top">
          <h1 id="signin-title">{t('app.title')}</h1>
          <LocaleSwitch />
        </div>
        <p className="muted">{t('signIn.intro')}</p>
        <Field label={t('signIn.username')}>
          <input
            name="username"
            autoComplete="username"
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </Field>
        <Field label={t('signIn.password')}>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </Field>
        {error && (
          <div className="error" role="alert">
            {error}
          </div>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {t('signIn.submit')}
        </button>
      </form>
    </main>
  );
}

function Shell({ route }: { route: Route }) {
  const { t, label } = useI18n();
  const { user, signOut } = useSession();
  const [menuOpen, setMenuOpen] = useState(false);
  const section = route.segments[0] ?? 'worklist';
  return (
    <div className="shell">
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}
      >
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <button
          type="button"
          className="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="nav"
          onClick={() => setMenuOpen((o) => !o)}
        >
          {t('app.menu')}
        </button>
        <span className="brand">{t('app.title')}</span>
        <span className="user" data-testid="current-user">
          {user?.displayName} · <span data-testid="current-role">{label('role', user?.role)}</span>
        </span>
        <LocaleSwitch />
        <button type="button" className="link-button" onClick={() => void signOut()}>
          {t('app.signOut')}
        </button>
      </header>
      <nav id="nav" className={`nav ${menuOpen ? 'open' : ''}`} aria-label={t('app.navigation')}>
        <ul>
          {NAV.map((item) => (
            <li key={item.path}>
              <a
                href={href(`/${item.path}`)}
                aria-current={section === item.path ? 'page' : undefined}
                onClick={() => setMenuOpen(false)}
              >
                {t(item.key)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        <Suspense fallback={<Loading show />}>
          <Screen route={route} />
        </Suspense>
      </main>
    </div>
  );
}

function Screen({ route }: { route: Route }) {
  const [section, id] = route.segments;
  switch (section ?? 'worklist') {
    case 'worklist':
      return <WorklistScreen route={route} />;
    case 'merchants':
      return <MerchantScreen merchantId={id} route={route} />;
    case 'calls':
      return <CallTasksScreen taskId={id} />;
    case 'tickets':
      return <TicketsScreen ticketId={id} route={route} />;
    case 'campaigns':
      return <CampaignsScreen campaignId={id} />;
    case 'ingestion':
      return <IngestionScreen />;
    case 'model':
      return <ModelScreen />;
    default:
      return <WorklistScreen route={route} />;
  }
}
