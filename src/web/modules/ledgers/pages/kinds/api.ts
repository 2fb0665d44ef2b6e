/**
 * The ledger kinds' API on the web (server part ledgers/kinds): shapes from the server's zod schemas (type-only
 * imports), query keys and hooks, all through the one web client.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Query } from '../../../../api/client';
import type { Page } from '../../../../api/types';
import type { CreateKindInput, KindSummary, KindVersionView, KindView, UpdateKindInput } from '../../../../../server/modules/ledgers/kinds/schema';

export type { Page };

export type { KindSummary, KindView, CreateKindInput, UpdateKindInput };
export type KindVersion = KindVersionView;
export type KindMetricView = KindView['metrics'][number];
export type Named = KindView['keeper'];

/** A dictionary the platform keeps (GET /api/dictionaries; the office, admins and auditors may list them). */
export interface DictionaryListItem {
  code: string;
  nameZh: string;
  nameEn: string;
}

/** The pages of a ledger: W1's here, W2's asset pages. */
export const KIND_PAGES = {
  list: '/ledgers',
  create: '/ledgers/kinds/new',
  definition: (id: number) => `/ledgers/kinds/${id}/definition`,
  assets: (id: number) => `/ledgers/kinds/${id}/assets`,
  overview: (id: number) => `/ledgers/kinds/${id}/overview`,
  import: (id: number) => `/ledgers/kinds/${id}/import`,
};

/** Every kind query sits under one key, so a save refreshes the list and the kind. */
export const kindKeys = {
  all: ['ledgers', 'kinds'] as const,
  list: (q: Query) => ['ledgers', 'kinds', 'list', q] as const,
  one: (id: number) => ['ledgers', 'kinds', 'one', id] as const,
  versions: (id: number) => ['ledgers', 'kinds', 'versions', id] as const,
  organizations: ['ledgers', 'organizations'] as const,
  dictionaries: ['ledgers', 'dictionaries'] as const,
};

export function useKinds(query: Query) {
  return useQuery({
    queryKey: kindKeys.list(query),
    queryFn: ({ signal }) => api.get<Page<KindSummary>>('/api/ledgers/kinds', query, signal),
  });
}

export function useKind(id: number | null) {
  return useQuery({
    queryKey: kindKeys.one(id ?? 0),
    queryFn: ({ signal }) => api.get<KindView>(`/api/ledgers/kinds/${id}`, undefined, signal),
    enabled: id !== null && id > 0,
  });
}

export function useKindVersions(id: number | null) {
  return useQuery({
    queryKey: kindKeys.versions(id ?? 0),
    queryFn: ({ signal }) => api.get<KindVersion[]>(`/api/ledgers/kinds/${id}/versions`, undefined, signal),
    enabled: id !== null && id > 0,
  });
}

/** The organisations that may keep a ledger (the editor's keeper and co-keeper selects). */
export function useKeeperOrganizations() {
  return useQuery({
    queryKey: kindKeys.organizations,
    queryFn: ({ signal }) => api.get<Named[]>('/api/ledgers/organizations', undefined, signal),
    staleTime: 300_000,
  });
}

/**
 * The platform's dictionaries, offered for a dictionary field. Departments may not list them (403): the editor
 * then takes a typed code, which the server checks.
 */
export function useDictionaryList(enabled: boolean) {
  return useQuery({
    queryKey: kindKeys.dictionaries,
    queryFn: ({ signal }) => api.get<DictionaryListItem[]>('/api/dictionaries', undefined, signal),
    enabled,
    retry: false,
    staleTime: 300_000,
  });
}

/** Saves a new kind (POST) or a new version of one (PUT); lists and the kind are refreshed after. */
export function useSaveKind() {
  const qc = useQueryClient();
  return async (id: number | null, body: CreateKindInput | UpdateKindInput): Promise<KindView> => {
    const saved = id ? await api.put<KindView>(`/api/ledgers/kinds/${id}`, body) : await api.post<KindView>('/api/ledgers/kinds', body);
    await qc.invalidateQueries({ queryKey: kindKeys.all });
    return saved;
  };
}

export const fetchKind = (id: number) => api.get<KindView>(`/api/ledgers/kinds/${id}`);
