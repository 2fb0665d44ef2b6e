import { PageHeader } from '../../../components/PageHeader';
import { useT } from '../../../i18n/I18nProvider';

/** Scaffold: filled in by the owner of platform/security. */
export default function SecurityControlsPage() {
  const t = useT();
  return <PageHeader title={t('security.nav')} />;
}
