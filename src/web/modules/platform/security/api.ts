/** The security controls page's data: shapes from the server's zod schemas (type-only imports). */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import type { ControlsResponse, ControlView, EvidenceView } from '../../../../server/modules/platform/security/schema';

export type { ControlsResponse, ControlView, EvidenceView };

export function useSecurityControls() {
  return useQuery({
    queryKey: ['security', 'controls'] as const,
    queryFn: ({ signal }) => api.get<ControlsResponse>('/api/security/controls', undefined, signal),
  });
}
