import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { useUser } from '../../../auth/AuthProvider';
import { grantKeys, type MyGrantsView } from './api';

export interface DomainGrants {
  manage: boolean;
  confirmPayment: boolean;
  loading: boolean;
}

/**
 * What the signed-in official may do in a grant domain (`tradein`, `cartradein`, …), for showing or hiding
 * actions; the server decides again on every call. The office manages every domain; a department holds what the
 * office granted its organisation (市商务局 manages, 市财政局 confirms payments by default); nobody else holds any.
 * The one answer of GET /api/grants/mine serves every domain, and the grants page refreshes it after a change.
 */
export function useGrants(domain: string): DomainGrants {
  const user = useUser();
  const isDept = user.role === 'department';
  const mine = useQuery({
    queryKey: grantKeys.mine,
    queryFn: ({ signal }) => api.get<MyGrantsView[]>('/api/grants/mine', undefined, signal),
    enabled: isDept,
    staleTime: 300_000,
  });
  if (user.role === 'office') return { manage: true, confirmPayment: false, loading: false };
  if (!isDept) return { manage: false, confirmPayment: false, loading: false };
  const held = mine.data?.find((g) => g.domain === domain);
  return { manage: held?.manage ?? false, confirmPayment: held?.confirmPayment ?? false, loading: mine.isPending };
}
