/** The key management page's server calls (shapes from the server's zod schemas, type-only). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import type { KeyStatusView, ReencryptionRunView } from '../../../../server/modules/platform/keys/schema';

export type { KeyStatusView, ReencryptionRunView };

const keysKey = ['keys'] as const;

/** Polled every second while a run is under way (its progress bars move), every 30 s otherwise. */
export function useKeyStatus() {
  return useQuery({
    queryKey: keysKey,
    queryFn: ({ signal }) => api.get<KeyStatusView>('/api/keys', undefined, signal),
    refetchInterval: (q) => (q.state.data?.current ? 1000 : 30_000),
  });
}

export function useStartReencryption() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ run: ReencryptionRunView }>('/api/keys/reencrypt', { confirm: true }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keysKey }),
  });
}
