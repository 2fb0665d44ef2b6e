import { useState } from 'react';
import { Button, List, Select, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../../api/client';
import { LoadError } from '../../../components/ResultPages';
import { useT } from '../../../i18n/I18nProvider';
import { PublicFrame } from '../../../layout/PublicFrame';
import { siteKeys, useTowns, type PublicSiteView } from './sites/api';
import { SiteScatter } from './sites/SiteScatter';
import { TownSummaryTable } from './sites/TownSummaryTable';
import { Materials, RECYCLING_SITE_KINDS, SiteKindTag, useEnumOptions, type RecyclingSiteKind } from './sites/shared';
import './sites/sites.css';
import { DemoTag } from '../../../components/DemoTag';

/** Operating recycling sites for residents, no sign-in, phone first: by town and kind, a town summary and a sketch. */
export default function PublicSitesPage() {
  const t = useT();
  const towns = useTowns();
  const options = useEnumOptions();
  const [townId, setTownId] = useState<number | undefined>();
  const [kind, setKind] = useState<RecyclingSiteKind | undefined>();
  const query = { townId, kind };
  const sites = useQuery({
    queryKey: siteKeys.public(query),
    queryFn: ({ signal }) => api.get<PublicSiteView[]>('/api/recycling/public/sites', query, signal),
  });
  return (
    <PublicFrame title={t('recycling.public.title')} intro={t('recycling.public.intro')} width={760} testId="page-public-sites">
      <div className="hx-public-sites-filters">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('recycling.public.allTowns')}
          value={townId}
          onChange={(v: number | undefined) => setTownId(v)}
          options={(towns.data ?? []).map((tw) => ({ value: tw.id, label: tw.name }))}
          data-testid="public-sites-town"
        />
        <Select
          allowClear
          placeholder={t('recycling.public.allKinds')}
          value={kind}
          onChange={(v: RecyclingSiteKind | undefined) => setKind(v)}
          options={options(RECYCLING_SITE_KINDS, 'kind')}
          data-testid="public-sites-kind"
        />
      </div>
      {sites.isError ? (
        <LoadError error={sites.error} onRetry={() => void sites.refetch()} />
      ) : (
        <List<PublicSiteView>
          data-testid="public-sites"
          loading={sites.isPending}
          dataSource={sites.data ?? []}
          header={sites.data ? <Typography.Text type="secondary">{t('recycling.public.count', { n: sites.data.length })}</Typography.Text> : null}
          locale={{ emptyText: <span data-testid="public-sites-empty">{t('recycling.public.none')}</span> }}
          renderItem={(s) => (
            <List.Item key={s.id} className="hx-public-site-item" data-testid={`public-site-${s.id}`}>
              <List.Item.Meta
                title={
                  <Space wrap size={4}>
                    <SiteKindTag kind={s.kind} />
                    <span>{s.name}</span>
                    <DemoTag show={s.isDemo} />
                  </Space>
                }
                description={
                  <>
                    <div>
                      {s.townName} · {s.address}
                    </div>
                    {s.openingHours ? (
                      <div>
                        {t('recycling.sites.field.openingHours')}：{s.openingHours}
                      </div>
                    ) : null}
                    {s.contactPhone ? (
                      <div>
                        {t('recycling.sites.field.contactPhone')}：<a href={`tel:${s.contactPhone}`}>{s.contactPhone}</a>
                      </div>
                    ) : null}
                    <Materials codes={s.materials} />
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
      {sites.data ? <SiteScatter sites={sites.data} /> : null}
      <Typography.Title level={5}>{t('recycling.sites.summary')}</Typography.Title>
      <TownSummaryTable pub />
      <div className="hx-submit">
        <Link to="/login">
          <Button type="link">{t('recycling.public.signIn')}</Button>
        </Link>
      </div>
    </PublicFrame>
  );
}
