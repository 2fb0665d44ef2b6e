/**
 * The trade-in management API the admin pages use (programme editing, risk rule thresholds, merchant staff
 * accounts; grants are the platform's): shapes taken from the server's zod schemas (type-only imports), query
 * keys and hooks.
 * Kept apart from api.ts so the pages that run the programmes and those that configure them evolve separately.
 */
import type { z } from 'zod';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { createProgramBody, updateProgramBody } from '../../../server/modules/tradein/programs/schema';
import type { riskRuleVersionView, updateRiskRuleBody } from '../../../server/modules/tradein/risk/schema';
import type { staffBody, staffView } from '../../../server/modules/tradein/merchants/schema';
import type { RiskRuleView } from './api';

export type CreateProgramBody = z.input<typeof createProgramBody>;
export type UpdateProgramBody = z.input<typeof updateProgramBody>;
export type RiskRuleVersionView = z.infer<typeof riskRuleVersionView>;
export type UpdateRiskRuleBody = z.input<typeof updateRiskRuleBody>;
export type StaffView = z.infer<typeof staffView>;
export type StaffBody = z.input<typeof staffBody>;
export type { RiskRuleView };

/**
 * What each risk rule's parameters may be, mirroring ruleParamsSchemas on the server (the server checks again
 * and its field-level reasons land on the same inputs); `unit` picks the label shown beside the number.
 */
export const RISK_PARAM_LIMITS: Record<string, { min: number; max: number; unit: 'bp' | 'minutes' | 'digits' | 'count' }> = {
  marginBp: { min: 0, max: 100_000, unit: 'bp' },
  prefixLength: { min: 7, max: 11, unit: 'digits' },
  windowMinutes: { min: 1, max: 60 * 24 * 90, unit: 'minutes' },
  minResidents: { min: 2, max: 1000, unit: 'count' },
  count: { min: 2, max: 100_000, unit: 'count' },
  minMerchants: { min: 2, max: 100, unit: 'count' },
};

export const adminKeys = {
  riskRules: ['tradein', 'risk-rules'] as const,
  riskRuleHistory: (code: string) => ['tradein', 'risk-rules', code, 'history'] as const,
  staff: ['tradein', 'staff'] as const,
};

export function useRiskRules() {
  return useQuery({ queryKey: adminKeys.riskRules, queryFn: ({ signal }) => api.get<RiskRuleView[]>('/api/tradein/risk/rules', undefined, signal) });
}

export function useRiskRuleHistory(code: string | null) {
  return useQuery({
    queryKey: adminKeys.riskRuleHistory(code ?? ''),
    queryFn: ({ signal }) => api.get<RiskRuleVersionView[]>(`/api/tradein/risk/rules/${code}/history`, undefined, signal),
    enabled: code !== null,
  });
}

export function useStaff() {
  return useQuery({ queryKey: adminKeys.staff, queryFn: ({ signal }) => api.get<StaffView[]>('/api/tradein/staff', undefined, signal) });
}
