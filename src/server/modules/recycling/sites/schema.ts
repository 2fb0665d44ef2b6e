import { z } from 'zod';
import { listQuery, pageOf, positiveId } from '../../../http/schema.js';
import {
  FIRE_SAFETY_STATUSES,
  RECYCLING_SITE_KINDS,
  RECYCLING_SITE_ORIGINS,
  RECYCLING_SITE_STATUSES,
  STANDARDISATION_STATUSES,
} from '../../../../shared/enums/recycling.js';

const date = z.iso.date();

/** Jinjiang's rough bounding box (WGS-84): a point outside it is a typo, not a site. */
export const JINJIANG_BOUNDS = { latitude: { min: 24.5, max: 25.0 }, longitude: { min: 118.4, max: 118.8 } } as const;

export const siteKindField = z
  .enum(RECYCLING_SITE_KINDS)
  .describe('sorting_centre 分拣中心, station 回收站, smart_device 智能回收设施, bulky_transfer 大件废弃家具定点转运');
export const siteStatusField = z
  .enum(RECYCLING_SITE_STATUSES)
  .describe('planned → under_construction → operating ⇄ suspended → closed; banned (取缔) after an inspection');
export const siteOriginField = z.enum(RECYCLING_SITE_ORIGINS).describe('existing, or new / rebuilt / expanded (what the plan counts as 新改扩建)');

/** The moves a page may ask for; a ban comes from an inspection (inspections/), never from this route. */
export const SITE_MOVES = ['startWorks', 'open', 'suspend', 'close'] as const;
export type SiteMove = (typeof SITE_MOVES)[number];
export const SITE_ACTIONS = ['update', 'updateOperations', ...SITE_MOVES] as const;

const materials = z.array(z.string().trim().min(1).max(40)).min(1).max(30).describe('`material_kind` dictionary codes');

/** What the operator keeps: opening hours, capacity, materials and contact. */
export const siteOperationsInput = z
  .object({
    openingHours: z.string().trim().max(200).nullable().default(null),
    capacityTonnesPerDay: z.number().min(0).max(100_000).nullable().default(null),
    materials,
    contactName: z.string().trim().max(50).nullable().default(null),
    contactPhone: z
      .string()
      .trim()
      .regex(/^[0-9+\- ]{5,20}$/)
      .nullable()
      .default(null),
  })
  .strict();
export type SiteOperationsInput = z.infer<typeof siteOperationsInput>;

export const siteDetailsInput = siteOperationsInput
  .extend({
    code: z.string().trim().min(2).max(40).optional().describe('Default `RS-<town code>-<n>`'),
    kind: siteKindField,
    name: z.string().trim().min(2).max(100),
    operatorOrganizationId: positiveId.nullable().default(null).describe('The recycler enterprise that runs it; null while planned without one'),
    townId: positiveId,
    address: z.string().trim().min(2).max(200),
    latitude: z.number().nullable().default(null),
    longitude: z.number().nullable().default(null),
    licenceNumber: z.string().trim().max(60).nullable().default(null),
    licenceValidTo: date.nullable().default(null),
    fireSafety: z.enum(FIRE_SAFETY_STATUSES).default('unknown'),
    standardisation: z.enum(STANDARDISATION_STATUSES).default('not_assessed'),
    origin: siteOriginField,
    completedOn: date.nullable().default(null).describe('When the new, rebuilt or expanded site was completed; set on opening when left out'),
  })
  .strict();
export type SiteDetailsInput = z.infer<typeof siteDetailsInput>;

export const createSiteBody = siteDetailsInput.extend({
  status: z.enum(['planned', 'operating']).describe('planned (to be built) or operating (already running)'),
});
export type CreateSiteInput = z.infer<typeof createSiteBody>;

export const updateSiteBody = siteDetailsInput.extend({ version: z.number().int().positive().describe('The version edited (409 when stale)') });
export type UpdateSiteInput = z.infer<typeof updateSiteBody>;

export const updateOperationsBody = siteOperationsInput.extend({ version: z.number().int().positive() });
export type UpdateOperationsInput = z.infer<typeof updateOperationsBody>;

export const moveSiteBody = z
  .object({
    action: z.enum(SITE_MOVES),
    note: z.string().trim().max(500).optional(),
    completedOn: date.optional().describe('On opening a new, rebuilt or expanded site: when it was completed (default today)'),
  })
  .strict();
export type MoveSiteInput = z.infer<typeof moveSiteBody>;

export const publicSiteView = z.object({
  id: z.number().int(),
  code: z.string(),
  kind: siteKindField,
  name: z.string(),
  townId: z.number().int(),
  townName: z.string(),
  address: z.string(),
  openingHours: z.string().nullable(),
  materials: z.array(z.string()),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  operatorName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  isDemo: z.boolean(),
});
export type PublicSiteView = z.infer<typeof publicSiteView>;

export const siteView = publicSiteView.extend({
  operatorOrganizationId: z.number().int().nullable(),
  contactName: z.string().nullable(),
  licenceNumber: z.string().nullable(),
  licenceValidTo: z.string().nullable(),
  fireSafety: z.enum(FIRE_SAFETY_STATUSES),
  standardisation: z.enum(STANDARDISATION_STATUSES),
  capacityTonnesPerDay: z.number().nullable(),
  status: siteStatusField,
  origin: siteOriginField,
  completedOn: z.string().nullable(),
  statusSince: z.string(),
  version: z.number().int(),
  actions: z.array(z.enum(SITE_ACTIONS)).describe('What the caller may do to the site now'),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SiteView = z.infer<typeof siteView>;

export const siteDetailView = siteView.extend({
  history: z.array(
    z.object({
      at: z.string(),
      action: z.string(),
      from: siteStatusField.nullable(),
      to: siteStatusField,
      actorRole: z.string().nullable(),
      note: z.string().nullable(),
    }),
  ),
});
export type SiteDetailView = z.infer<typeof siteDetailView>;

export const SITE_SORTS = ['code', 'name', 'statusSince', 'completedOn', 'createdAt'] as const;
export const listSitesQuery = listQuery(SITE_SORTS).extend({
  kind: siteKindField.optional(),
  status: siteStatusField.optional(),
  townId: positiveId.optional(),
  operatorId: positiveId.optional(),
  origin: siteOriginField.optional(),
});
export type ListSitesQuery = z.infer<typeof listSitesQuery>;
export const exportSitesQuery = listSitesQuery.omit({ page: true, pageSize: true });
export type ExportSitesQuery = z.infer<typeof exportSitesQuery>;
export const sitePage = pageOf(siteView);

export const publicSitesQuery = z.object({ townId: positiveId.optional(), kind: siteKindField.optional() });
export type PublicSitesQuery = z.infer<typeof publicSitesQuery>;

export const townSummaryView = z.array(
  z.object({
    townId: z.number().int(),
    townName: z.string(),
    total: z.number().int(),
    byKind: z.record(z.string(), z.number().int()).describe('Counts by kind'),
    byStatus: z.record(z.string(), z.number().int()).describe('Counts by status (the public sees operating sites only)'),
  }),
);
export type TownSummary = z.infer<typeof townSummaryView>;

export const operatorOptions = z.array(z.object({ organizationId: z.number().int(), name: z.string(), isRecycler: z.boolean() }));
export const operatorOptionsQuery = z.object({ q: z.string().trim().max(100).optional() });
