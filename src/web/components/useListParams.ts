import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { TablePaginationConfig } from 'antd';
import type { Query } from '../api/client';
import { useT } from '../i18n/I18nProvider';

export type SortOrder = 'asc' | 'desc';

/** The part of antd's SorterResult we read (any row type). */
interface SorterLike {
  order?: 'ascend' | 'descend' | null;
  columnKey?: string | number | bigint;
  field?: unknown;
}

export interface ListState<F extends string> {
  page: number;
  pageSize: number;
  sort: string | undefined;
  order: SortOrder;
  q: string | undefined;
  filters: Record<F, string | undefined>;
}

const PAGE_SIZES = [10, 20, 50, 100, 200];

/**
 * Page, page size, sort, order, search and filters of a server-side list, kept in the address bar so a list can
 * be bookmarked, shared and reloaded as it was. `query` is what the list endpoint takes.
 */
export function useListParams<F extends string>(filterKeys: readonly F[], defaults: { pageSize?: number; sort?: string; order?: SortOrder } = {}) {
  const [search, setSearch] = useSearchParams();
  const t = useT();
  const state = useMemo<ListState<F>>(() => {
    const page = Math.max(1, Number(search.get('page')) || 1);
    const sizeRaw = Number(search.get('pageSize'));
    const pageSize = PAGE_SIZES.includes(sizeRaw) ? sizeRaw : (defaults.pageSize ?? 20);
    const orderRaw = search.get('order');
    const filters = Object.fromEntries(filterKeys.map((k) => [k, search.get(k) ?? undefined])) as Record<F, string | undefined>;
    return {
      page,
      pageSize,
      sort: search.get('sort') ?? defaults.sort,
      order: orderRaw === 'asc' || orderRaw === 'desc' ? orderRaw : (defaults.order ?? 'desc'),
      q: search.get('q') ?? undefined,
      filters,
    };
    // The filter keys are fixed for a page, though callers pass them as a fresh array literal every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search, defaults.pageSize, defaults.sort, defaults.order]);

  const update = useCallback(
    (patch: Partial<Omit<ListState<F>, 'filters'>> & { filters?: Partial<Record<F, string | undefined>> }) => {
      setSearch(
        (prev) => {
          const next = new URLSearchParams(prev);
          const set = (k: string, v: string | number | undefined | null) => {
            if (v === undefined || v === null || v === '') next.delete(k);
            else next.set(k, String(v));
          };
          const resetsPage = patch.q !== undefined || patch.filters !== undefined || patch.pageSize !== undefined || patch.sort !== undefined;
          if ('q' in patch) set('q', patch.q);
          if (patch.filters) for (const [k, v] of Object.entries(patch.filters)) set(k, v as string | undefined);
          if ('sort' in patch) set('sort', patch.sort);
          if ('order' in patch) set('order', patch.order);
          if ('pageSize' in patch) set('pageSize', patch.pageSize);
          if ('page' in patch) set('page', patch.page === 1 ? undefined : patch.page);
          else if (resetsPage) next.delete('page');
          return next;
        },
        { replace: true },
      );
    },
    [setSearch],
  );

  const query: Query = useMemo(
    () => ({
      page: state.page,
      pageSize: state.pageSize,
      sort: state.sort,
      order: state.order,
      q: state.q,
      ...state.filters,
    }),
    [state],
  );

  /** Table onChange: paging and sorting go to the server. */
  const onTableChange = useCallback(
    (pagination: TablePaginationConfig, _filters: unknown, sorter: SorterLike | SorterLike[]) => {
      const s = Array.isArray(sorter) ? sorter[0] : sorter;
      const column = s?.columnKey ?? s?.field;
      const named = typeof column === 'string' || typeof column === 'number' ? String(column) : Array.isArray(column) ? column.join('.') : '';
      const key = s?.order ? named || undefined : undefined;
      const order: SortOrder | undefined = s?.order === 'ascend' ? 'asc' : s?.order === 'descend' ? 'desc' : undefined;
      const sortChanged = key !== state.sort || (order ?? state.order) !== state.order;
      const sizeChanged = (pagination.pageSize ?? state.pageSize) !== state.pageSize;
      if (sortChanged || sizeChanged) {
        update({
          sort: key,
          order: order ?? defaults.order ?? 'desc',
          pageSize: pagination.pageSize ?? state.pageSize,
          page: 1,
        });
      } else {
        update({ page: pagination.current ?? 1 });
      }
    },
    [state, update, defaults.order],
  );

  /** For a sortable column: its current sort order as the Table wants it. */
  const sortOrderOf = useCallback(
    (key: string): 'ascend' | 'descend' | null => (state.sort === key ? (state.order === 'asc' ? 'ascend' : 'descend') : null),
    [state.sort, state.order],
  );

  /** The Table's pagination for a server-side list of `total` rows: page, size choices, the count. */
  const pagination = useCallback(
    (total: number): TablePaginationConfig => ({
      current: state.page,
      pageSize: state.pageSize,
      total,
      showSizeChanger: true,
      pageSizeOptions: PAGE_SIZES,
      showTotal: (n) => t('common.total', { total: n }),
    }),
    [state.page, state.pageSize, t],
  );

  return { state, query, update, onTableChange, sortOrderOf, pagination };
}
