import { Button, Flex, Input, Pagination, Segmented, Select, Skeleton, Space, Typography } from 'antd';
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
import { ShowroomCard } from './storeFinder/ShowroomCard';
import { useTowns } from '../../../api/towns';
import { SHOWROOM_KINDS } from '../../../../shared/enums/tradein';
import type { PublicShowroomView } from '../../../../server/modules/tradein/showrooms/schema';

const FILTERS = ['townId', 'category', 'view', 'kind'] as const;

/**
 * The residents' store finder, open without signing in and laid out for a phone first: which approved merchants
 * of the running programmes have a store in a town, for a category, or by name; each card gives the stores'
 * addresses, the subsidised categories and the programmes with their windows. A switch turns it to the smart-home
 * showrooms and home-renovation sample rooms of those businesses (same town filter, a kind instead of a category),
 * with their hours and address, or their link when online. The filters live in the address bar, so a search can be
 * shared and the back button works.
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
  const showrooms = state.filters.view === 'showrooms';
  const found = useQuery({
    enabled: !showrooms,
    queryKey: keys.stores(query),
    queryFn: ({ signal }) =>
      api.get<Page<PublicMerchantView>>(
        '/api/tradein/public/merchants',
        { page: query.page, pageSize: query.pageSize, townId: query.townId, category: query.category, q: query.q },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
  const rooms = useQuery({
    enabled: showrooms,
    queryKey: ['tradein', 'public', 'showrooms', query],
    queryFn: ({ signal }) =>
      api.get<Page<PublicShowroomView>>(
        '/api/tradein/public/showrooms',
        { page: query.page, pageSize: query.pageSize, townId: query.townId, kind: query.kind, q: query.q },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
  const townId = state.filters.townId ? Number(state.filters.townId) : undefined;
  const filtered = Boolean(state.filters.townId || (showrooms ? state.filters.kind : state.filters.category) || state.q);
  const list = showrooms ? rooms : found;
  const total = list.data?.total ?? 0;
  const pageSize = list.data?.pageSize ?? state.pageSize;

  return (
    <PublicFrame
      title={t('tradein.stores.title')}
      intro={showrooms ? t('tradein.stores.showroomsIntro') : t('tradein.stores.intro')}
      width={760}
      testId="page-store-finder"
    >
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Link to={user ? '/' : '/login'} data-testid="store-finder-back">
          <ArrowLeftOutlined /> {user ? t('common.backHome') : t('common.backToLogin')}
        </Link>
        <Segmented<'stores' | 'showrooms'>
          block
          aria-label={t('tradein.stores.view')}
          value={showrooms ? 'showrooms' : 'stores'}
          options={[
            { value: 'stores', label: t('tradein.stores.view.stores') },
            { value: 'showrooms', label: t('tradein.stores.view.showrooms') },
          ]}
          onChange={(v) => update({ filters: { view: v === 'showrooms' ? 'showrooms' : undefined } })}
          data-testid="store-finder-view"
        />
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
          {showrooms ? (
            <Select<string>
              allowClear
              aria-label={t('tradein.stores.kind')}
              placeholder={t('tradein.stores.allKinds')}
              value={state.filters.kind}
              options={SHOWROOM_KINDS.map((k) => ({ value: k, label: t(`tradein.showroom.kind.${k}`) }))}
              onChange={(v) => update({ filters: { kind: v } })}
              style={{ flex: '1 1 160px', minWidth: 0 }}
              data-testid="store-finder-kind"
            />
          ) : (
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
          )}
          <Input.Search
            key={state.q ?? ''}
            allowClear
            defaultValue={state.q}
            placeholder={showrooms ? t('tradein.stores.showroomSearch') : t('tradein.stores.search')}
            aria-label={showrooms ? t('tradein.stores.showroomSearch') : t('tradein.stores.search')}
            onSearch={(v) => update({ q: v.trim() || undefined })}
            style={{ flex: '2 1 220px', minWidth: 0 }}
            data-testid="store-finder-q"
          />
        </Flex>

        {list.isPending ? (
          <Skeleton active data-testid="store-finder-loading" />
        ) : list.isError ? (
          <LoadError error={list.error} onRetry={() => void list.refetch()} />
        ) : total === 0 ? (
          <EmptyState text={showrooms ? t('tradein.stores.showroomsNone') : t('tradein.stores.none')} testId="store-finder-empty">
            {filtered ? (
              <Button
                onClick={() => update({ q: undefined, filters: { townId: undefined, category: undefined, kind: undefined } })}
                data-testid="store-finder-clear"
              >
                {t('tradein.stores.clear')}
              </Button>
            ) : null}
          </EmptyState>
        ) : (
          <>
            <Typography.Text type="secondary" data-testid="store-finder-count">
              {showrooms ? t('tradein.stores.showroomCount', { count: total }) : t('tradein.stores.count', { count: total })}
            </Typography.Text>
            <Space
              direction="vertical"
              size={12}
              style={{ width: '100%', opacity: list.isPlaceholderData ? 0.6 : 1 }}
              data-testid={showrooms ? 'store-finder-showrooms' : 'store-finder-results'}
            >
              {showrooms
                ? (rooms.data?.items ?? []).map((r) => <ShowroomCard key={r.id} showroom={r} />)
                : (found.data?.items ?? []).map((m) => <StoreCard key={m.organizationId} merchant={m} />)}
            </Space>
            {total > pageSize ? (
              <Pagination
                simple={isPhone}
                align="center"
                current={state.page}
                pageSize={state.pageSize}
                total={total}
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
