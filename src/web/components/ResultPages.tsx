import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useT } from '../i18n/I18nProvider';
import { useAuth } from '../auth/AuthProvider';

/** Shown when the signed-in role may not use the page at this address. */
export function ForbiddenPage() {
  const t = useT();
  const { user } = useAuth();
  return (
    <Result
      status="403"
      title={t('error.forbidden.title')}
      subTitle={t('error.forbidden.text', { role: user ? t(`role.${user.role}`) : '—' })}
      data-testid="page-forbidden"
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}

export function NotFoundPage() {
  const t = useT();
  const { user } = useAuth();
  return (
    <Result
      status="404"
      title={t('error.notFound.title')}
      subTitle={t('error.notFound.text')}
      data-testid="page-not-found"
      extra={
        <Link to={user ? '/' : '/login'}>
          <Button type="primary">{user ? t('common.backHome') : t('common.backToLogin')}</Button>
        </Link>
      }
    />
  );
}

/** A page-sized error for a query that failed (not a crash). */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  return (
    <Result
      status="warning"
      title={t('error.loadFailed')}
      subTitle={error instanceof Error ? error.message : String(error)}
      extra={onRetry ? <Button onClick={onRetry}>{t('common.reload')}</Button> : null}
    />
  );
}
