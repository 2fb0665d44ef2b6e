/**
 * System parameters: shapes from the server's zod schemas (type-only imports), query keys and hooks. The security
 * administrator changes the security parameters, the office the business ones (each row's `canChange`); auditors
 * and the system administrator read them and their history.
 */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import type { ParameterHistoryEntry, ParameterView } from '../../../../server/modules/platform/parameters/schema';

export type { ParameterHistoryEntry, ParameterView };

export const parameterKeys = {
  list: ['parameters', 'list'] as const,
  history: (key: string) => ['parameters', 'history', key] as const,
};

export function useParameters() {
  return useQuery({
    queryKey: parameterKeys.list,
    queryFn: ({ signal }) => api.get<ParameterView[]>('/api/parameters', undefined, signal),
  });
}

export function useParameterHistory(key: string | null) {
  const name = encodeURIComponent(key ?? '');
  return useQuery({
    queryKey: parameterKeys.history(key ?? ''),
    queryFn: ({ signal }) => api.get<ParameterHistoryEntry[]>(`/api/parameters/${name}/history`, undefined, signal),
    enabled: key !== null,
  });
}

export const parameterApi = {
  set: (key: string, value: ParameterView['value'], version: number) =>
    api.put<ParameterView>(`/api/parameters/${encodeURIComponent(key)}`, { value, version }),
  reset: (key: string, version: number) => api.post<ParameterView>(`/api/parameters/${encodeURIComponent(key)}/reset`, { version }),
};
