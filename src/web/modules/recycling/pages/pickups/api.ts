/** The pickup and certificate pages' API: shapes from the server's zod schemas (type-only), keys and hooks over the one client. */
import type { z } from 'zod';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../../api/client';
import type { Page } from '../../../../api/types';
import type { BookPickupInput, CompletePickupInput, PickupView, pickupDetailView, completedView } from '../../../../../server/modules/recycling/pickups/schema';
import type { CertificateCheckView, CertificateView } from '../../../../../server/modules/recycling/certificates/schema';

export type { BookPickupInput, CompletePickupInput, PickupView, CertificateCheckView, CertificateView, Page };
export type PickupDetail = z.infer<typeof pickupDetailView>;
export type Completed = z.infer<typeof completedView>;
export interface Town {
  id: number;
  name: string;
}

export const BOOK_PATH = '/recycling/pickups/mine';
export const RECYCLER_PATH = '/recycling/pickups/recycler';
export const CHECK_PATH = '/recycling/certificates/check';
export const ALL_PATH = '/recycling/pickups/all';

export const pickupKeys = {
  all: ['recycling', 'pickups'] as const,
  list: (which: string, page: number) => ['recycling', 'pickups', which, page] as const,
  one: (id: number) => ['recycling', 'pickups', 'one', id] as const,
  certificates: (which: string, page: number) => ['recycling', 'pickups', 'certificates', which, page] as const,
};

const LISTS = {
  mine: '/api/recycling/pickups/mine',
  open: '/api/recycling/pickups/open',
  assigned: '/api/recycling/pickups/assigned',
  all: '/api/recycling/pickups',
} as const;

export function usePickups(which: keyof typeof LISTS, page: number) {
  return useQuery({
    queryKey: pickupKeys.list(which, page),
    queryFn: ({ signal }) => api.get<Page<PickupView>>(LISTS[which], { page, pageSize: 10 }, signal),
  });
}

export function usePickup(id: number | null) {
  return useQuery({
    queryKey: pickupKeys.one(id ?? 0),
    queryFn: ({ signal }) => api.get<PickupDetail>(`/api/recycling/pickups/${id}`, undefined, signal),
    enabled: id !== null,
  });
}

const CERTIFICATE_LISTS = { mine: '/api/recycling/certificates/mine', issued: '/api/recycling/certificates/issued' } as const;

export function useCertificates(which: keyof typeof CERTIFICATE_LISTS, page: number) {
  return useQuery({
    queryKey: pickupKeys.certificates(which, page),
    queryFn: ({ signal }) => api.get<Page<CertificateView>>(CERTIFICATE_LISTS[which], { page, pageSize: 10 }, signal),
  });
}

export { useTowns } from '../../../../api/towns';
