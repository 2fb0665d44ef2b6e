import { Alert, Card, Skeleton } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import type { OrganizationView } from '../../../api/types';
import { useUser } from '../../../auth/AuthProvider';
import { useT } from '../../../i18n/I18nProvider';
import { PageHeader } from '../../../components/PageHeader';
import { LoadError } from '../../../components/ResultPages';
import { OrganizationActions, OrganizationDescriptions } from '../components/OrganizationParts';

/** An enterprise, merchant or recycler looks at its own organisation, including a registration under review. */
export default function MyOrganizationPage() {
  const t = useT();
  const user = useUser();
  const org = useQuery({
    queryKey: ['organizations', 'one', user.organization.id],
    queryFn: ({ signal }) => api.get<OrganizationView>(`/api/organizations/${user.organization.id}`, undefined, signal),
  });
  const status = org.data?.status ?? user.organization.status;
  return (
    <div data-testid="page-my-organization">
      <PageHeader title={t('myOrg.title')} extra={org.data ? <OrganizationActions org={org.data} /> : null} />
      {status === 'pending' ? (
        <Alert type="warning" showIcon title={t('myOrg.pending')} description={t('myOrg.pendingText')} className="hx-block" data-testid="pending-banner" />
      ) : status === 'rejected' ? (
        <Alert type="error" showIcon title={t('myOrg.rejected')} description={org.data?.reviewNote ?? undefined} className="hx-block" />
      ) : status === 'suspended' ? (
        <Alert type="error" showIcon title={t('myOrg.suspended')} description={org.data?.reviewNote ?? undefined} className="hx-block" />
      ) : (
        <Alert type="success" showIcon title={t('myOrg.active')} className="hx-block" />
      )}
      <Card>
        {org.isPending ? (
          <Skeleton active />
        ) : org.isError ? (
          <LoadError error={org.error} onRetry={() => void org.refetch()} />
        ) : (
          <OrganizationDescriptions org={org.data} />
        )}
      </Card>
    </div>
  );
}
