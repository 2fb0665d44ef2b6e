import { createContext, useCallback, useContext, useEffect, useMemo, useRef, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Locale } from '../../shared/roles';
import { ApiError, api, request, setCsrfToken, setPasswordChangeRequiredHandler, setUnauthenticatedHandler } from '../api/client';
import type { LoginResponse, MeResponse, UserView } from '../api/types';
import { storedLocale, useLocale } from '../i18n/I18nProvider';

export const ME_KEY = ['auth', 'me'] as const;

/** A right password of an account that must also give a second factor: no session yet (see /api/auth/login). */
export interface MfaChallenge {
  mfaRequired: true;
  challenge: string;
  enrolmentRequired: boolean;
}

interface AuthValue {
  /** The signed-in account, null when signed out, undefined while the first check runs. */
  user: UserView | null | undefined;
  /** The account when signed in, or the challenge of the second step (the page then calls `acceptSession`). */
  login: (username: string, password: string) => Promise<UserView | MfaChallenge>;
  /** Takes the session the second step of a sign-in answered (POST /api/auth/login/mfa). */
  acceptSession: (res: LoginResponse) => UserView;
  logout: () => Promise<void>;
  /** Re-reads /api/auth/me (after a password change, say). */
  refresh: () => Promise<void>;
  /** Switches the language here and, when signed in, for the account. */
  changeLocale: (locale: Locale) => void;
  /** True when the last sign-out happened because the session ended, not by choice. */
  sessionExpired: boolean;
}

const AuthContext = createContext<AuthValue | null>(null);

async function fetchMe(): Promise<UserView | null> {
  try {
    const me = await request<MeResponse>('GET', '/api/auth/me', { allow401: true });
    setCsrfToken(me.csrfToken);
    return me.user;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const { locale, setLocale } = useLocale();
  const expired = useRef(false);
  const me = useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 60_000, retry: 1 });
  const user = me.isPending ? undefined : me.isError ? null : me.data;

  // The account's language and this device's choice are kept the same: a device that never chose adopts the
  // account's; otherwise the device's choice (made last) is saved for the account so API messages match.
  const syncedFor = useRef<number | null>(null);
  useEffect(() => {
    if (!user) {
      syncedFor.current = null;
      return;
    }
    if (syncedFor.current === user.id) return;
    syncedFor.current = user.id;
    if (storedLocale() === null && user.locale) setLocale(user.locale);
    else if (user.locale !== locale) void api.put('/api/auth/locale', { locale }).catch(() => undefined);
  }, [user, locale, setLocale]);

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      if (queryClient.getQueryData(ME_KEY)) expired.current = true;
      setCsrfToken(null);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
      queryClient.setQueryData(ME_KEY, null);
    });
    setPasswordChangeRequiredHandler(() => void queryClient.invalidateQueries({ queryKey: ME_KEY }));
    return () => {
      setUnauthenticatedHandler(null);
      setPasswordChangeRequiredHandler(null);
    };
  }, [queryClient]);

  const acceptSession = useCallback(
    (res: LoginResponse) => {
      setCsrfToken(res.csrfToken);
      expired.current = false;
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
      queryClient.setQueryData(ME_KEY, res.user);
      return res.user;
    },
    [queryClient],
  );

  const login = useCallback(
    async (username: string, password: string) => {
      const res = await request<LoginResponse | MfaChallenge>('POST', '/api/auth/login', { body: { username, password }, allow401: true });
      return 'mfaRequired' in res ? res : acceptSession(res);
    },
    [acceptSession],
  );

  const logout = useCallback(async () => {
    try {
      await api.post('/api/auth/logout');
    } catch {
      // Already signed out on the server: the page forgets the session all the same.
    }
    expired.current = false;
    setCsrfToken(null);
    // Forget everything but the (now empty) account, whose observer stays mounted.
    queryClient.setQueryData(ME_KEY, null);
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
  }, [queryClient]);

  const refresh = useCallback(async () => {
    await queryClient.invalidateQueries({ queryKey: ME_KEY });
  }, [queryClient]);

  const changeLocale = useCallback(
    (next: Locale) => {
      setLocale(next);
      const current = queryClient.getQueryData<UserView | null>(ME_KEY);
      if (current) {
        queryClient.setQueryData(ME_KEY, { ...current, locale: next });
        void api.put('/api/auth/locale', { locale: next }).catch(() => undefined);
      }
    },
    [queryClient, setLocale],
  );

  const value = useMemo<AuthValue>(
    () => ({ user, login, acceptSession, logout, refresh, changeLocale, sessionExpired: expired.current }),
    [user, login, acceptSession, logout, refresh, changeLocale],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

/** The signed-in account; only for pages behind the sign-in guard. */
export function useUser(): UserView {
  const { user } = useAuth();
  if (!user) throw new Error('useUser used on a page that is not behind the sign-in guard');
  return user;
}
