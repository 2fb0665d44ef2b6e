import { Segmented } from 'antd';
import type { Locale } from '../../shared/roles';
import { useAuth } from '../auth/AuthProvider';
import { useLocale } from '../i18n/I18nProvider';

/** 中文 / English. Remembered on this device, and for the account when signed in. */
export function LanguageSwitch({ className }: { className?: string }) {
  const { locale } = useLocale();
  const { changeLocale } = useAuth();
  return (
    <Segmented<Locale>
      size="small"
      className={className}
      data-testid="lang-switch"
      value={locale}
      onChange={(v) => changeLocale(v)}
      options={[
        { label: <span data-testid="lang-zh">中文</span>, value: 'zh-CN' },
        { label: <span data-testid="lang-en">English</span>, value: 'en' },
      ]}
    />
  );
}
