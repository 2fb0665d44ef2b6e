import { PageHeader } from '../../../components/PageHeader';
import { useT } from '../../../i18n/I18nProvider';

/** Scaffold: filled in by the owner of platform/mfa. */
export default function TwoFactorPage() {
  const t = useT();
  return <PageHeader title={t('mfa.nav')} />;
}
