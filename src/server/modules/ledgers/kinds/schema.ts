import { z } from 'zod';
import { pageOf, pageQuery } from '../../../http/schema.js';
import { kindCode, ledgerDefinition, TOWN_ACCESS } from '../../../../shared/ledgers/definition.js';

const named = z.object({ id: z.number().int(), name: z.string() });
const localised = z.object({ zh: z.string(), en: z.string() });
const note = z.string().trim().max(500).optional().describe('Why (kept in the version history)');

export const kindListQuery = pageQuery.extend({
  q: z.string().trim().max(100).optional().describe('Part of the code or of the name (zh or en)'),
});
export type KindListQuery = z.infer<typeof kindListQuery>;

export const kindSummary = z.object({
  id: z.number().int(),
  code: z.string(),
  name: localised,
  keeper: named,
  version: z.number().int(),
  shipped: z.boolean(),
  townAccess: z.enum(TOWN_ACCESS),
  planRefs: z.array(z.string()),
  assets: z.number().int().describe('In service today (a town: its own)'),
  old: z.number().int().describe('In service and old today (a town: its own)'),
  renewedThisYear: z.number().int().describe('Upgraded, replaced, retrofitted or scrapped this year in Asia/Shanghai (a town: its own)'),
  canDefine: z.boolean(),
  canWrite: z.boolean(),
});
export type KindSummary = z.infer<typeof kindSummary>;
export const kindPage = pageOf(kindSummary);

export const kindMetricView = z.object({
  name: z.string().describe('ledgers.<kind>.<metric>, the name a plan indicator binds'),
  label: z.string(),
  unit: z.string(),
});

export const kindView = z.object({
  id: z.number().int(),
  code: z.string(),
  keeper: named,
  coKeepers: z.array(named),
  version: z.number().int(),
  shipped: z.boolean(),
  definition: ledgerDefinition,
  ruleText: localised,
  canDefine: z.boolean(),
  canWrite: z.boolean(),
  metrics: z.array(kindMetricView),
  updatedAt: z.string(),
  reevaluated: z.number().int().optional().describe('After a change: assets whose “old from” date was recomputed'),
});
export type KindView = z.infer<typeof kindView>;

export const createKindBody = z.strictObject({
  code: kindCode.describe('camelCase, unique, never changed: the middle of the metric names'),
  keeperOrganizationId: z.number().int().positive().describe('An office or department organisation (a department: itself)'),
  definition: ledgerDefinition,
  note,
});
export type CreateKindInput = z.infer<typeof createKindBody>;

export const updateKindBody = z.strictObject({
  baseVersion: z.number().int().min(1).describe('The version the editor loaded; a stale one is 409 VERSION_CONFLICT'),
  definition: ledgerDefinition,
  note,
});
export type UpdateKindInput = z.infer<typeof updateKindBody>;

export const kindVersionView = z.object({
  version: z.number().int(),
  note: z.string().nullable(),
  createdBy: named.nullable(),
  createdAt: z.string(),
  current: z.boolean(),
  definition: ledgerDefinition,
});
export type KindVersionView = z.infer<typeof kindVersionView>;

export const keeperOrganizations = z.array(named);
