import { Button, Flex, Input, Pagination, Select, Skeleton, Space, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../../api/client';
import { useAuth } from '../../../auth/AuthProvider';
import { LoadError } from '../../../components/ResultPages';
import { useIsPhone } from '../../../components/useMediaQuery';
import { useListParams } from '../../../components/useListParams';
import { useT } from '../../../i18n/I18nProvider';
import { PublicFrame } from '../../../layout/PublicFrame';
import { keys, type Page, type PublicMerchantView } from '../api';
import { EmptyState } from '../components';
import { StoreCard } from './storeFinder/StoreCard';
import { useTowns } from '../../../api/towns';

const FILTERS = ['townId', 'category'] as const;

/**
 * The residents' store finder, open without signing in and laid out for a phone first: which approved merchants
 * of the running programmes have a store in a town, for a category, or by name; each card gives the stores'
 * addresses, the subsidised categories and the programmes with their windows. The filters live in the address
 * bar, so a search can be shared and the back button works.
 */
export default function StoreFinderPage() {
  const t = useT();
  const { user } = useAuth();
  const isPhone = useIsPhone();
  const { state, update, query } = useListParams(FILTERS, { pageSize: 10 });
  const towns = useTowns();
  const categories = useQuery({
    queryKey: ['tradein', 'public', 'categories'],
    queryFn: ({ signal }) => api.get<{ category: string; name: string }[]>('/api/tradein/public/categories', undefined, signal),
    staleTime: 600_000,
  });
  const found = useQuery({
    queryKey: keys.stores(query),
    queryFn: ({ signal }) =>
      api.get<Page<PublicMerchantView>>(
        '/api/tradein/public/merchants',
        { page: query.page, pageSize: query.pageSize, townId: query.townId, category: query.category, q: query.q },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
  const townId = state.filters.townId ? Number(state.filters.townId) : undefined;
  const filtered = Boolean(state.filters.townId || state.filters.category || state.q);
  const items = found.data?.items ?? [];

  return (
    <PublicFrame title={t('tradein.stores.title')} intro={t('tradein.stores.intro')} width={760} testId="page-store-finder">
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Link to={user ? '/' : '/login'} data-testid="store-finder-back">
          <ArrowLeftOutlined /> {user ? t('common.backHome') : t('common.backToLogin')}
        </Link>
        <Flex wrap gap={8}>
          <Select<number>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            aria-label={t('tradein.stores.town')}
            placeholder={t('tradein.stores.allTowns')}
            value={townId}
            loading={towns.isPending}
            options={(towns.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
            onChange={(v) => update({ filters: { townId: v === undefined ? undefined : String(v) } })}
            style={{ flex: '1 1 160px', minWidth: 0 }}
            data-testid="store-finder-town"
          />
          <Select<string>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            aria-label={t('tradein.stores.category')}
            placeholder={t('tradein.stores.allCategories')}
            value={state.filters.category}
            loading={categories.isPending}
            options={(categories.data ?? []).map((c) => ({ value: c.category, label: c.name }))}
            onChange={(v) => update({ filters: { category: v } })}
            style={{ flex: '1 1 160px', minWidth: 0 }}
            data-testid="store-finder-category"
          />
          <Input.Search
            key={state.q ?? ''}
            allowClear
            defaultValue={state.q}
            placeholder={t('tradein.stores.search')}
            aria-label={t('tradein.stores.search')}
            onSearch={(v) => update({ q: v.trim() || undefined })}
            style={{ flex: '2 1 220px', minWidth: 0 }}
            data-testid="store-finder-q"
          />
        </Flex>

        {found.isPending ? (
          <Skeleton active data-testid="store-finder-loading" />
        ) : found.isError ? (
          <LoadError error={found.error} onRetry={() => void found.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState text={t('tradein.stores.none')} testId="store-finder-empty">
            {filtered ? (
              <Button onClick={() => update({ q: undefined, filters: { townId: undefined, category: undefined } })} data-testid="store-finder-clear">
                {t('tradein.stores.clear')}
              </Button>
            ) : null}
          </EmptyState>
        ) : (
          <>
            <Typography.Text type="secondary" data-testid="store-finder-count">
              {t('tradein.stores.count', { count: found.data.total })}
            </Typography.Text>
            <Space direction="vertical" size={12} style={{ width: '100%', opacity: found.isPlaceholderData ? 0.6 : 1 }} data-testid="store-finder-results">
              {items.map((m) => (
                <StoreCard key={m.organizationId} merchant={m} />
              ))}
            </Space>
            {found.data.total > found.data.pageSize ? (
              <Pagination
                simple={isPhone}
                align="center"
                current={state.page}
                pageSize={state.pageSize}
                total={found.data.total}
                showSizeChanger={false}
                onChange={(page) => {
                  update({ page });
                  window.scrollTo(0, 0);
                }}
                data-testid="store-finder-pages"
              />
            ) : null}
          </>
        )}
      </Space>
    </PublicFrame>
  );
}
