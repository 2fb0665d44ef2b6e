import { Card } from 'antd';
import { useT } from '../../../i18n/I18nProvider';
import { PageHeader } from '../../../components/PageHeader';
import { ChangePasswordForm } from '../components/ChangePasswordForm';

export default function ChangePasswordPage() {
  const t = useT();
  return (
    <div data-testid="page-change-password">
      <PageHeader title={t('password.title')} />
      <Card className="hx-narrow-card">
        <ChangePasswordForm />
      </Card>
    </div>
  );
}
