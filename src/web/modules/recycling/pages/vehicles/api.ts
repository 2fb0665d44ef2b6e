/** The scrapped-vehicle pages' API: shapes from the server's zod schemas (type-only), keys and hooks over the one client. */
import type { z } from 'zod';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type Query } from '../../../../api/client';
import type { Page } from '../../../../api/types';
import type {
  CorrectVehicleInput,
  DismantleInput,
  QualificationView,
  RecordVehicleInput,
  RegisterQualificationInput,
  VehicleDetailView,
  VehicleView,
  myQualificationView,
  ownVehicleView,
  vehicleSummaryView,
} from '../../../../../server/modules/recycling/vehicles/schema';

export type { CorrectVehicleInput, DismantleInput, QualificationView, RecordVehicleInput, RegisterQualificationInput, VehicleDetailView, VehicleView, Page };
export type MyQualification = z.infer<typeof myQualificationView>;
export type OwnVehicle = z.infer<typeof ownVehicleView>;
export type VehicleSummary = z.infer<typeof vehicleSummaryView>;

export const VEHICLES_PATH = '/recycling/vehicles';
export const QUALIFICATIONS_PATH = '/recycling/vehicles/qualifications';
export const MY_VEHICLES_PATH = '/recycling/vehicles/mine';

export const vehicleKeys = {
  all: ['recycling', 'vehicles'] as const,
  list: (q: Query) => ['recycling', 'vehicles', 'list', q] as const,
  one: (id: number) => ['recycling', 'vehicles', 'one', id] as const,
  mine: (page: number) => ['recycling', 'vehicles', 'mine', page] as const,
  summary: (q: Query) => ['recycling', 'vehicles', 'summary', q] as const,
  qualifications: (q: Query) => ['recycling', 'vehicles', 'qualifications', q] as const,
  myQualification: ['recycling', 'vehicles', 'qualifications', 'mine'] as const,
};

export function useVehicles(q: Query) {
  return useQuery({
    queryKey: vehicleKeys.list(q),
    queryFn: ({ signal }) => api.get<Page<VehicleView>>('/api/recycling/vehicles', q, signal),
    placeholderData: keepPreviousData,
  });
}

export function useVehicle(id: number | null) {
  return useQuery({
    queryKey: vehicleKeys.one(id ?? 0),
    queryFn: ({ signal }) => api.get<VehicleDetailView>(`/api/recycling/vehicles/${id}`, undefined, signal),
    enabled: id !== null,
  });
}

export function useMyVehicles(page: number) {
  return useQuery({
    queryKey: vehicleKeys.mine(page),
    queryFn: ({ signal }) => api.get<Page<OwnVehicle>>('/api/recycling/vehicles/mine', { page, pageSize: 10 }, signal),
  });
}

export function useVehicleSummary(q: Query, enabled: boolean) {
  return useQuery({
    queryKey: vehicleKeys.summary(q),
    queryFn: ({ signal }) => api.get<VehicleSummary>('/api/recycling/vehicles/summary', q, signal),
    enabled,
  });
}

export function useQualifications(q: Query, enabled = true) {
  return useQuery({
    queryKey: vehicleKeys.qualifications(q),
    queryFn: ({ signal }) => api.get<Page<QualificationView>>('/api/recycling/dismantling-qualifications', q, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useMyQualification(enabled: boolean) {
  return useQuery({
    queryKey: vehicleKeys.myQualification,
    queryFn: ({ signal }) => api.get<MyQualification>('/api/recycling/dismantling-qualifications/mine', undefined, signal),
    enabled,
  });
}

/** Enterprises 市商务局 may qualify: the sites' operator options (active enterprises, recyclers first). */
export function useRecyclerOptions(enabled: boolean) {
  return useQuery({
    queryKey: ['recycling', 'vehicles', 'recycler-options'],
    queryFn: ({ signal }) =>
      api.get<{ organizationId: number; name: string; isRecycler: boolean }[]>('/api/recycling/sites/operator-options', undefined, signal),
    enabled,
    staleTime: 60_000,
  });
}
