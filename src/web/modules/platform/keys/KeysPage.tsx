import { PageHeader } from '../../../components/PageHeader';
import { useT } from '../../../i18n/I18nProvider';

/** Scaffold: filled in by the owner of platform/keys. */
export default function KeysPage() {
  const t = useT();
  return <PageHeader title={t('keys.nav')} />;
}
