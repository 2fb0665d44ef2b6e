import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { Town } from './types';

/**
 * The city's towns (镇街道/经济开发区), from the division list: one query shared by every page that filters or files
 * by town. They change when the division list does, so an hour's staleness is harmless.
 */
export function useTowns() {
  return useQuery({ queryKey: ['towns'], queryFn: ({ signal }) => api.get<Town[]>('/api/towns', undefined, signal), staleTime: 3_600_000 });
}
