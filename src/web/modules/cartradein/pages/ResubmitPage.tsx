import { Alert, Skeleton } from 'antd';
import { useParams } from 'react-router';
import { useT } from '../../../i18n/I18nProvider';
import { LoadError } from '../../../components/ResultPages';
import { useCarApplication } from '../api';
import { ApplicationForm } from './ApplicationForm';

/** /car/applications/:id/edit: the resident corrects a returned application and submits it again. */
export default function ResubmitPage() {
  const t = useT();
  const id = Number(useParams().id);
  const q = useCarApplication(id);
  if (q.isPending) return <Skeleton active />;
  if (q.isError) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data.allowedActions.includes('resubmit'))
    return <Alert type="info" showIcon message={t('car.form.cannotResubmit')} data-testid="car-cannot-resubmit" />;
  return <ApplicationForm existing={q.data} />;
}
