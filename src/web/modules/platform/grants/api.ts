/**
 * Grants (which department manages a domain, which confirms its payments): shapes from the server's zod schemas
 * (type-only imports), query keys and hooks. The office grants and revokes; departments and auditors read.
 */
import type { z } from 'zod';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import type { OrganizationView, Page } from '../../../api/types';
import type { grantDomainView, GrantView, myGrantsView } from '../../../../server/modules/platform/grants/schema';
import type { GrantCapability } from '../../../../server/modules/platform/grants/policy';

export type { GrantView, GrantCapability };
export type GrantDomainView = z.infer<typeof grantDomainView>;
export type MyGrantsView = z.infer<typeof myGrantsView>;

export const grantKeys = {
  all: ['grants'] as const,
  domains: ['grants', 'domains'] as const,
  mine: ['grants', 'mine'] as const,
  list: (domain: string) => ['grants', 'list', domain] as const,
  departments: ['grants', 'departments'] as const,
};

/** The domains the server's modules declared, with the capabilities of each. */
export function useGrantDomains() {
  return useQuery({
    queryKey: grantKeys.domains,
    queryFn: ({ signal }) => api.get<GrantDomainView[]>('/api/grants/domains', undefined, signal),
    staleTime: 300_000,
  });
}

export function useGrantList(domain: string | undefined) {
  return useQuery({
    queryKey: grantKeys.list(domain ?? ''),
    queryFn: ({ signal }) => api.get<GrantView[]>('/api/grants', { domain }, signal),
    enabled: domain !== undefined,
  });
}

/** The active department organisations a grant can go to (市直部门; 200 is the API's page limit and far above their number). */
export function useDepartments(enabled: boolean) {
  return useQuery({
    queryKey: grantKeys.departments,
    queryFn: ({ signal }) =>
      api.get<Page<OrganizationView>>('/api/organizations', { kind: 'department', status: 'active', pageSize: 200, sort: 'name', order: 'asc' }, signal),
    enabled,
    staleTime: 300_000,
  });
}
