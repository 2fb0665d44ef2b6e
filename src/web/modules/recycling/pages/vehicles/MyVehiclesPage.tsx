import { useState } from 'react';
import { Card, Empty, Pagination, Skeleton, Space, Typography } from 'antd';
import { PageHeader } from '../../../../components/PageHeader';
import { LoadError } from '../../../../components/ResultPages';
import { useT } from '../../../../i18n/I18nProvider';
import { useMyVehicles } from './api';
import { VehicleStatusTag, VehicleSteps } from './parts';
import './vehicles.css';
import { DemoTag } from '../../../../components/DemoTag';

/** A resident follows their own scrapped vehicles on a phone: the one-stop's steps with their dates, and the certificate. */
export default function MyVehiclesPage() {
  const t = useT();
  const [page, setPage] = useState(1);
  const mine = useMyVehicles(page);
  return (
    <div className="hx-my-vehicles" data-testid="page-my-vehicles">
      <PageHeader title={t('recycling.nav.myVehicles')} subtitle={t('recycling.veh.mine.intro')} />
      {mine.isPending && <Skeleton active />}
      {mine.isError && <LoadError error={mine.error} onRetry={() => void mine.refetch()} />}
      {mine.data && mine.data.items.length === 0 && <Empty description={t('recycling.veh.mine.empty')} />}
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {mine.data?.items.map((v) => (
          <Card
            key={v.id}
            size="small"
            data-testid={`my-vehicle-${v.id}`}
            title={
              <Space wrap>
                <span>{v.plate}</span>
                <VehicleStatusTag status={v.status} />
                <DemoTag show={v.isDemo} />
              </Space>
            }
          >
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
              {v.dismantlerName} · {v.vin}
            </Typography.Paragraph>
            <VehicleSteps v={v} vertical />
            {v.certificateNumber && (
              <div className="hx-my-vehicles-cert">
                <div>
                  {t('recycling.veh.field.certificate')}：
                  <Typography.Text copyable code data-testid="my-vehicle-certificate">
                    {v.certificateNumber}
                  </Typography.Text>
                </div>
                {v.deregisteredOn && (
                  <div>
                    {t('recycling.veh.field.deregisteredOn')}：{v.deregisteredOn}
                  </div>
                )}
                <Typography.Text type="secondary">{t('recycling.veh.mine.certificateHint')}</Typography.Text>
              </div>
            )}
          </Card>
        ))}
      </Space>
      {(mine.data?.total ?? 0) > 10 && (
        <Pagination size="small" current={page} total={mine.data?.total} pageSize={10} onChange={setPage} style={{ marginTop: 12 }} />
      )}
    </div>
  );
}
