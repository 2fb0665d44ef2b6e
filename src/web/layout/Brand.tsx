import { useT } from '../i18n/I18nProvider';

/** The emblem and the platform's name. */
export function Brand({ compact = false, light = true }: { compact?: boolean; light?: boolean }) {
  const t = useT();
  return (
    <span className={`hx-brand ${light ? 'hx-brand-light' : 'hx-brand-dark'}`} data-testid="brand">
      <img className="hx-brand-logo" src="/logo.svg" alt="" width={32} height={32} />
      <span className="hx-brand-text">{compact ? t('app.shortTitle') : t('app.title')}</span>
    </span>
  );
}
