import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Spin, theme } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { ApiError } from './api/client';
import { AuthProvider, useAuth } from './auth/AuthProvider';
import { I18nProvider, useLocale, useT } from './i18n/I18nProvider';
import type { MessageKey } from './i18n/messages';
import { AppLayout } from './layout/AppLayout';
import { PublicFrame } from './layout/PublicFrame';
import { mayUse, type NavItem } from './layout/navigation';
import { NavigationContext } from './layout/NavigationContext';
import { NAVIGATION } from './navigation';
import { ErrorBoundary } from './components/ErrorBoundary';
import { ForbiddenPage, NotFoundPage } from './components/ResultPages';
import LoginPage from './modules/platform/pages/LoginPage';
import { ChangePasswordForm } from './modules/platform/components/ChangePasswordForm';

const RegisterResidentPage = lazy(() => import('./modules/platform/pages/RegisterResidentPage'));
const RegisterEnterprisePage = lazy(() => import('./modules/platform/pages/RegisterEnterprisePage'));
// Residents look for stores before (or without) signing in.
const StoreFinderPage = lazy(() => import('./modules/tradein/pages/StoreFinderPage'));
const PublicEventsPage = lazy(() => import('./modules/cartradein/pages/events/PublicCalendarPage'));
const PublicSitesPage = lazy(() => import('./modules/recycling/pages/PublicSitesPage'));
// Second-hand dealers' violations, published as the plan asks (向社会公布违规情况).
const PublicDisclosurePage = lazy(() => import('./modules/recycling/pages/dealers/PublicDisclosurePage'));
const PublicNoticesPage = lazy(() => import('./modules/platform/notices/PublicNoticesPage'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not get better by asking again.
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
      staleTime: 10_000,
    },
  },
});

const CJK_FONTS = '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC"';
const LATIN_FONTS = '-apple-system, BlinkMacSystemFont, "Segoe UI", "Helvetica Neue", Arial';
/** Chinese first in Chinese (so 、，“” take CJK shapes); Latin first in English (so ’ and — do not). */
const FONT_FAMILY = { 'zh-CN': `${CJK_FONTS}, ${LATIN_FONTS}, sans-serif`, en: `${LATIN_FONTS}, ${CJK_FONTS}, sans-serif` } as const;

function Themed({ children }: { children: ReactNode }) {
  const { locale } = useLocale();
  useEffect(() => {
    dayjs.locale(locale === 'en' ? 'en' : 'zh-cn');
  }, [locale]);
  return (
    <ConfigProvider
      locale={locale === 'en' ? enUS : zhCN}
      theme={{
        algorithm: theme.defaultAlgorithm,
        token: {
          colorPrimary: '#1a4f95',
          colorInfo: '#1a4f95',
          colorLink: '#1a4f95',
          // antd lightens links and primary buttons on hover, to under 4.5:1; these darken a little instead.
          colorLinkHover: '#2358a5',
          colorLinkActive: '#0d3466',
          borderRadius: 4,
          fontFamily: FONT_FAMILY[locale],
          colorBgLayout: '#f2f4f7',
          // The palette antd derives from a dark blue is greyish; these keep the light tints blue.
          colorPrimaryBg: '#e8f0fb',
          colorPrimaryBgHover: '#d6e4f7',
          colorPrimaryBorder: '#b3cbec',
          colorInfoBg: '#eef4fc',
          colorInfoBorder: '#bcd2f0',
          // WCAG AA (4.5:1) for small text on white and on the grey page: antd's defaults for secondary lines,
          // descriptions, form hints, empty states and placeholders (45 % and 25 % black) fall short of it.
          colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
          colorTextDescription: 'rgba(0, 0, 0, 0.6)',
          colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
          colorTextDisabled: 'rgba(0, 0, 0, 0.45)',
          // Status colours are also text (status tags, Typography type="success"…): antd's bright ones are fills
          // at 2–3:1. Darker seeds, with the light tints pinned (antd would derive greyish ones from a dark seed).
          colorSuccess: '#237804',
          colorSuccessBg: '#f6ffed',
          colorSuccessBorder: '#b7eb8f',
          colorWarning: '#8a5300',
          colorWarningBg: '#fffbe6',
          colorWarningBorder: '#ffe58f',
          colorError: '#cf1322',
          colorErrorBg: '#fff2f0',
          colorErrorBorder: '#ffccc7',
        },
        components: {
          Layout: { headerBg: '#0d3466', headerHeight: 56, headerPadding: '0 20px', siderBg: '#ffffff', bodyBg: '#f2f4f7' },
          Menu: { itemBorderRadius: 4, groupTitleFontSize: 12, itemSelectedBg: '#e8f0fb', itemSelectedColor: '#1a4f95', itemActiveBg: '#f0f5fc' },
          Table: { headerBg: '#f5f7fa' },
        },
      }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

function FullPageSpinner() {
  return (
    <div className="hx-full-loading" data-testid="app-loading">
      <Spin size="large" />
    </div>
  );
}

/** Signed-out visitors go to sign in (coming back here after); a password that must change comes first. */
function RequireSignIn() {
  const { user, logout } = useAuth();
  const location = useLocation();
  const t = useT();
  if (user === undefined) return <FullPageSpinner />;
  if (user === null) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (user.mustChangePassword) {
    return (
      <PublicFrame title={t('password.title')} testId="page-forced-password">
        <ChangePasswordForm forced onSignOut={() => void logout()} />
      </PublicFrame>
    );
  }
  return <AppLayout />;
}

function RequireRole({ item }: { item: NavItem<MessageKey> }) {
  const { user } = useAuth();
  if (!user || !mayUse(user.role, item)) return <ForbiddenPage />;
  const Page = item.page;
  return <Page />;
}

function PublicOnly({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const location = useLocation();
  if (user === undefined) return <FullPageSpinner />;
  if (user) {
    const next = new URLSearchParams(location.search).get('next');
    return <Navigate to={next && next.startsWith('/') && !next.startsWith('//') ? next : '/'} replace />;
  }
  return <>{children}</>;
}

function AppRoutes() {
  const location = useLocation();
  return (
    <ErrorBoundary resetKey={location.pathname}>
      <Suspense fallback={<FullPageSpinner />}>
        <Routes>
          <Route
            path="/login"
            element={
              <PublicOnly>
                <LoginPage />
              </PublicOnly>
            }
          />
          <Route path="/register/resident" element={<RegisterResidentPage />} />
          <Route path="/register/enterprise" element={<RegisterEnterprisePage />} />
          <Route path="/stores" element={<StoreFinderPage />} />
          <Route path="/events" element={<PublicEventsPage />} />
          <Route path="/recycling-sites" element={<PublicSitesPage />} />
          <Route path="/credit-disclosure" element={<PublicDisclosurePage />} />
          <Route path="/announcements" element={<PublicNoticesPage />} />
          <Route element={<RequireSignIn />}>
            {NAVIGATION.items.map((item) => (
              <Route key={item.key} path={item.path} element={<RequireRole item={item} />} />
            ))}
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </Suspense>
    </ErrorBoundary>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <Themed>
          <BrowserRouter>
            <AuthProvider>
              <NavigationContext.Provider value={NAVIGATION}>
                <AppRoutes />
              </NavigationContext.Provider>
            </AuthProvider>
          </BrowserRouter>
        </Themed>
      </I18nProvider>
    </QueryClientProvider>
  );
}
