import { Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../../../api/client';
import { LoadError } from '../../../../components/ResultPages';
import { useT } from '../../../../i18n/I18nProvider';
import { carKeys, type BatchDetail, type CarApplicationSummary } from '../../api';
import { formatMinute, Yuan } from '../../components';

/** The applications one payment batch pays, read when the row is expanded: what 市财政局 checks against the bank file. */
export function BatchApplications({ batchId }: { batchId: number }) {
  const t = useT();
  const detail = useQuery({
    queryKey: [...carKeys.batches, batchId],
    queryFn: ({ signal }) => api.get<BatchDetail>(`/api/tradein/car-payment-batches/${batchId}`, undefined, signal),
  });
  if (detail.isError) return <LoadError error={detail.error} onRetry={() => void detail.refetch()} />;
  return (
    <Table<CarApplicationSummary>
      rowKey="id"
      size="small"
      loading={detail.isPending}
      dataSource={detail.data?.applications ?? []}
      pagination={detail.data && detail.data.applications.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      scroll={{ x: 640 }}
      data-testid={`car-batch-applications-${batchId}`}
      columns={[
        { title: t('car.col.id'), dataIndex: 'id', width: 70, render: (id: number) => <Link to={`/car/applications/${id}`}>{id}</Link> },
        { title: t('car.col.applicant'), dataIndex: 'applicantName', width: 110 },
        { title: t('car.col.program'), dataIndex: 'programName', width: 160 },
        { title: t('car.col.oldCar'), dataIndex: 'oldPlate', width: 100 },
        { title: t('car.col.amount'), dataIndex: 'amountFen', width: 110, align: 'right', render: (f: number) => <Yuan fen={f} /> },
        { title: t('car.col.submittedAt'), dataIndex: 'submittedAt', width: 140, render: (s: string) => formatMinute(s) },
      ]}
    />
  );
}
