/**
 * Dictionaries (code lists the server's modules declare and officials keep): shapes from the server's zod
 * schemas (type-only imports), query keys and hooks. The office and admins change items; auditors read.
 */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import type { DictionaryDetail, DictionaryItemView, DictionaryView, PublicDictionaryItem } from '../../../../server/modules/platform/dictionaries/schema';

export type { DictionaryDetail, DictionaryItemView, DictionaryView, PublicDictionaryItem };

export const dictionaryKeys = {
  all: ['dictionaries'] as const,
  list: ['dictionaries', 'list'] as const,
  detail: (code: string) => ['dictionaries', 'detail', code] as const,
  /** What forms read (useDictionary); a change on the dictionaries page refreshes it. */
  items: (code: string) => ['dictionaries', 'items', code] as const,
};

export function useDictionaryList() {
  return useQuery({
    queryKey: dictionaryKeys.list,
    queryFn: ({ signal }) => api.get<DictionaryView[]>('/api/dictionaries', undefined, signal),
  });
}

export function useDictionaryDetail(code: string | undefined) {
  const name = encodeURIComponent(code ?? '');
  return useQuery({
    queryKey: dictionaryKeys.detail(code ?? ''),
    queryFn: ({ signal }) => api.get<DictionaryDetail>(`/api/dictionaries/${name}`, undefined, signal),
    enabled: code !== undefined,
  });
}

export interface NewItem {
  code: string;
  labelZh: string;
  labelEn: string;
  sortOrder?: number | undefined;
  enabled?: boolean;
  parentCode?: string | null | undefined;
}

export type ItemChange = { version: number } & Partial<Pick<DictionaryItemView, 'labelZh' | 'labelEn' | 'sortOrder' | 'enabled' | 'parentCode'>>;

const path = (code: string) => encodeURIComponent(code);

export const dictionaryApi = {
  create: (code: string, item: NewItem) => api.post<DictionaryDetail>(`/api/dictionaries/${path(code)}/items`, item),
  update: (code: string, item: string, change: ItemChange) => api.patch<DictionaryDetail>(`/api/dictionaries/${path(code)}/items/${path(item)}`, change),
  remove: (code: string, item: string, version: number) =>
    api.delete<DictionaryDetail>(`/api/dictionaries/${path(code)}/items/${path(item)}?version=${version}`),
};
