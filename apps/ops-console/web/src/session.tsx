import { createContext, ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import {
  abortInFlight,
  ApiError,
  session as sessionApi,
  SessionUser,
  setCsrfToken,
  UNAUTHORIZED_EVENT,
} from './api';
import { LOCALES, Locale, useI18n } from './i18n/i18n';

interface SessionState {
  user: SessionUser | null;
  loading: boolean;
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  /** Whether the signed-in role carries the scope (`*` carries every scope). */
  can(scope: string): boolean;
}

const SessionContext = createContext<SessionState | null>(null);

/**
 * Whether this browser signed in before (not a secret: the session itself is the HttpOnly cookie). A
 * first visit skips the session check, so the sign-in page loads without a 401 in the console.
 */
const SIGNED_IN_FLAG = 'ops-console.signedIn';
const remember = (signedIn: boolean) =>
  signedIn
    ? window.localStorage.setItem(SIGNED_IN_FLAG, '1')
    : window.localStorage.removeItem(SIGNED_IN_FLAG);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null>(null);
  const [loading, setLoading] = useState(() => window.localStorage.getItem(SIGNED_IN_FLAG) === '1');
  const { setLocale } = useI18n();

  useEffect(() => {
    let cancelled = false;
    const onUnauthorized = () => {
      remember(false);
      setUser(null);
    };
    window.addEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
    const cleanup = () => {
      cancelled = true;
      window.removeEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
    };
    if (window.localStorage.getItem(SIGNED_IN_FLAG) !== '1') return cleanup;
    sessionApi
      .current()
      .then((s) => {
        if (cancelled) return;
        setCsrfToken(s.csrfToken);
        setUser(s.user);
      })
      .catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 401) remember(false);
        else console.warn('session check failed', e);
      })
      .finally(() => !cancelled && setLoading(false));
    return cleanup;
  }, []);

  const signIn = useCallback(
    async (username: string, password: string) => {
      const s = await sessionApi.signIn(username, password);
      setCsrfToken(s.csrfToken);
      remember(true);
      setUser(s.user);
      // The account's language applies at each sign-in; a switch afterwards holds until the next one (a
      // restored session keeps whatever this browser shows).
      if (LOCALES.includes(s.user.locale as Locale)) setLocale(s.user.locale as Locale);
    },
    [setLocale],
  );

  const signOut = useCallback(async () => {
    abortInFlight();
    try {
      await sessionApi.signOut();
    } finally {
      remember(false);
      setCsrfToken('');
      setUser(null);
      window.location.hash = '';
    }
  }, []);

  const can = useCallback(
    (scope: string) => !!user && (user.scopes.includes('*') || user.scopes.includes(scope)),
    [user],
  );

  return (
    <SessionContext.Provider value={{ user, loading, signIn, signOut, can }}>
      {children}
    </SessionContext.Provider>
  );
}

export function useSession(): SessionState {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}
