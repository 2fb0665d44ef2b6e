/**
 * The ledger assets' API on the web: the shapes the server's ledgers parts answer with (documented in the module's
 * interface; the server writes its zod schemas in parallel), query keys and hooks, all through the one web client.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, newIdempotencyKey, type Query } from '../../../../api/client';
import type { Page } from '../../../../api/types';
import type { z } from 'zod';
import type { AssetValues } from '../../../../../shared/ledgers/definition';
import type { AssetEventView, AssetSummary, AssetView, HistoryEntry, OverviewView } from '../../../../../server/modules/ledgers/assets/schema';
import type { KindView } from '../../../../../server/modules/ledgers/kinds/schema';
import type { importJobView } from '../../../../../server/modules/ledgers/imports/routes';

export type { AssetEventView as AssetEvent, AssetSummary, AssetView, HistoryEntry, KindView, OverviewView, Page };
export type ImportJobView = z.infer<typeof importJobView>;

export interface Named {
  id: number;
  name: string;
}

export interface AssetInput {
  values: AssetValues;
  added?: { occurredOn: string; values?: AssetValues };
}

export interface EventInput {
  type: string;
  occurredOn: string;
  values?: AssetValues;
  changes?: AssetValues;
  replacement?: { values: AssetValues };
  note?: string;
}

/** Where the pages are: W1's kinds list and definition editor, and these. */
export const LEDGER_PAGES = {
  kinds: '/ledgers',
  definition: (kindId: number) => `/ledgers/kinds/${kindId}/definition`,
  assets: (kindId: number) => `/ledgers/kinds/${kindId}/assets`,
  asset: (id: number) => `/ledgers/assets/${id}`,
  import: (kindId: number) => `/ledgers/kinds/${kindId}/import`,
  overview: (kindId: number) => `/ledgers/kinds/${kindId}/overview`,
};

/** Every ledger query sits under one key, so one invalidation after a write refreshes lists, details and figures. */
export const ledgerKeys = {
  all: ['ledgers'] as const,
  kind: (id: number) => ['ledgers', 'kind', id] as const,
  assets: (kindId: number, q: object) => ['ledgers', 'assets', kindId, q] as const,
  asset: (id: number) => ['ledgers', 'asset', id] as const,
  history: (id: number) => ['ledgers', 'asset', id, 'history'] as const,
  overview: (kindId: number, q: object) => ['ledgers', 'overview', kindId, q] as const,
  importJob: (id: number) => ['ledgers', 'import', id] as const,
  kindImports: (kindId: number) => ['ledgers', 'kind', kindId, 'imports'] as const,
  organizations: ['ledgers', 'organizations'] as const,
};

export const assetsPath = (kindId: number) => `/api/ledgers/kinds/${kindId}/assets`;
export const exportPath = (kindId: number) => `/api/ledgers/kinds/${kindId}/assets/export`;
export const templatePath = (kindId: number) => `/api/ledgers/kinds/${kindId}/template`;

export function useKind(id: number) {
  return useQuery({
    queryKey: ledgerKeys.kind(id),
    queryFn: ({ signal }) => api.get<KindView>(`/api/ledgers/kinds/${id}`, undefined, signal),
    enabled: id > 0,
    staleTime: 60_000,
  });
}

export function useAssets(kindId: number, query: Query) {
  return useQuery({
    queryKey: ledgerKeys.assets(kindId, query),
    queryFn: ({ signal }) => api.get<Page<AssetSummary>>(assetsPath(kindId), query, signal),
    enabled: kindId > 0,
    placeholderData: (prev) => prev,
  });
}

export function useAsset(id: number) {
  return useQuery({
    queryKey: ledgerKeys.asset(id),
    queryFn: ({ signal }) => api.get<AssetView>(`/api/ledgers/assets/${id}`, undefined, signal),
    enabled: id > 0,
  });
}

export function useAssetHistory(id: number) {
  return useQuery({
    queryKey: ledgerKeys.history(id),
    queryFn: ({ signal }) => api.get<HistoryEntry[]>(`/api/ledgers/assets/${id}/history`, undefined, signal),
    enabled: id > 0,
  });
}

export function useOverview(kindId: number, query: Query) {
  return useQuery({
    queryKey: ledgerKeys.overview(kindId, query),
    queryFn: ({ signal }) => api.get<OverviewView>(`/api/ledgers/kinds/${kindId}/overview`, query, signal),
    enabled: kindId > 0,
  });
}

const finished = (j: ImportJobView | undefined) => j?.status === 'succeeded' || j?.status === 'failed';

export function useImportJob(id: number | null) {
  return useQuery({
    queryKey: ledgerKeys.importJob(id ?? 0),
    queryFn: ({ signal }) => api.get<ImportJobView>(`/api/ledgers/imports/${id}`, undefined, signal),
    enabled: id !== null && id > 0,
    // Polled until the job ends: the progress bar follows the rows processed.
    refetchInterval: (q) => (finished(q.state.data) ? false : 800),
  });
}

/** The caller's recent imports of the kind: after a reload the page picks up the newest one again. */
export function useKindImports(kindId: number) {
  return useQuery({
    queryKey: ledgerKeys.kindImports(kindId),
    queryFn: ({ signal }) => api.get<Page<ImportJobView>>(`/api/ledgers/kinds/${kindId}/imports`, { page: 1, pageSize: 5 }, signal),
    enabled: kindId > 0,
    select: (d) => d.items,
  });
}

/** Organisations a ledger may name (for showing an organisation field's value by name); empty when not readable. */
export function useLedgerOrganizations() {
  return useQuery({
    queryKey: ledgerKeys.organizations,
    queryFn: ({ signal }) => api.get<Named[]>('/api/ledgers/organizations', undefined, signal),
    staleTime: 600_000,
    retry: false,
  });
}

/** After any write every ledger query is stale (lists, the asset, its history, the overview). */
export function useLedgerRefresh() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ledgerKeys.all });
}

export const createAsset = (kindId: number, body: AssetInput, idempotencyKey = newIdempotencyKey()) =>
  api.post<AssetView>(assetsPath(kindId), body, { idempotencyKey });
export const updateAsset = (id: number, body: { values: AssetValues; updatedAt: string }) => api.put<AssetView>(`/api/ledgers/assets/${id}`, body);
export const recordEvent = (id: number, body: EventInput, idempotencyKey = newIdempotencyKey()) =>
  api.post<AssetView>(`/api/ledgers/assets/${id}/events`, body, { idempotencyKey });
export const uploadImport = (kindId: number, file: File) => api.upload<ImportJobView>(`/api/ledgers/kinds/${kindId}/imports`, file);
