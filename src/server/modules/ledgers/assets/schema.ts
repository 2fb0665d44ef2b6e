import { z } from 'zod';
import { ASSET_STATUSES, EVENT_EFFECTS } from '../../../../shared/ledgers/definition.js';
import { pageQuery, positiveId } from '../../../http/schema.js';

/**
 * What the assets routes take and answer. Values arrive as the client has them (`{ key: value }`) and are checked
 * against the kind's definition by the service, field by field, not here: a schema cannot know a kind's fields.
 */

const valuesInput = z.record(z.string().max(40), z.unknown()).describe('Values by field key, checked against the kind’s definition');
const scalar = z.union([z.string(), z.number(), z.null()]);
const values = z.record(z.string(), scalar).describe('Values by field key: text, dates (YYYY-MM-DD), codes as strings; numbers, money in fen, ids as numbers');
const dateText = z.string().trim().max(20).describe('YYYY-MM-DD (Asia/Shanghai)');
const note = z.string().trim().max(500);

export const createAssetBody = z.strictObject({
  values: valuesInput,
  added: z
    .strictObject({ occurredOn: dateText, values: valuesInput.optional(), note: note.optional() })
    .optional()
    .describe('A new asset entering service: records the kind’s `added` event on that day'),
});
export type CreateAssetInput = z.infer<typeof createAssetBody>;

export const editAssetBody = z.strictObject({
  values: valuesInput,
  updatedAt: z.string().min(1).max(40).describe('The `updatedAt` the edit started from; a newer one is 409 VERSION_CONFLICT'),
});
export type EditAssetInput = z.infer<typeof editAssetBody>;

export const eventBody = z.strictObject({
  type: z.string().trim().min(1).max(40).describe('An event type code of the kind'),
  occurredOn: dateText,
  values: valuesInput.optional().describe('The event type’s own fields'),
  changes: valuesInput.optional().describe('Upgrade and retrofit: new values of the asset fields the event type may change'),
  replacement: z.strictObject({ values: valuesInput }).optional().describe('Replacement: the new asset that takes its place'),
  note: note.optional(),
});
export type EventInput = z.infer<typeof eventBody>;

export const kindParams = z.object({ id: positiveId });

const assetFilters = {
  status: z.enum(ASSET_STATUSES).optional(),
  townId: z.coerce.number().int().positive().optional(),
  old: z.enum(['true', 'false']).optional().describe('Old today (old_from ≤ today, in service), or not'),
  q: z.string().trim().max(100).optional().describe('Part of the title or of the unique key'),
  filters: z
    .string()
    .max(4000)
    .optional()
    .describe('JSON array of { field, op: eq|ne|lt|lte|gt|gte|in|contains|empty|notEmpty, value?, values? } on any field of the kind'),
  sort: z.string().trim().max(40).optional().describe('A field key, title, createdAt or oldFrom'),
  order: z.enum(['asc', 'desc']).default('desc'),
};
export const assetListQuery = pageQuery.extend(assetFilters);
export type AssetListQuery = z.infer<typeof assetListQuery>;
export const assetExportQuery = z.object(assetFilters);
export type AssetExportQuery = z.infer<typeof assetExportQuery>;

export const overviewQuery = z.object({ townId: z.coerce.number().int().positive().optional() });

const status = z.enum(ASSET_STATUSES);
const link = z.object({ id: z.number().int(), title: z.string() }).nullable();

export const assetSummary = z
  .object({
    id: z.number().int(),
    title: z.string(),
    status,
    townId: z.number().int().nullable(),
    townName: z.string().nullable(),
    old: z.boolean().describe('Old today'),
    oldFrom: z.string().nullable(),
    values,
    updatedAt: z.string(),
  })
  .meta({ id: 'LedgerAssetSummary' });
export type AssetSummary = z.infer<typeof assetSummary>;

export const assetEventView = z
  .object({
    id: z.number().int(),
    type: z.string(),
    label: z.object({ zh: z.string(), en: z.string() }),
    effect: z.enum(EVENT_EFFECTS),
    occurredOn: z.string(),
    values,
    changes: z.record(z.string(), z.array(scalar)).describe('Asset fields changed: [before, after]'),
    replacementId: z.number().int().nullable(),
    note: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'LedgerAssetEvent' });
export type AssetEventView = z.infer<typeof assetEventView>;

export const assetView = z
  .object({
    id: z.number().int(),
    kindId: z.number().int(),
    kindCode: z.string(),
    title: z.string(),
    status,
    townId: z.number().int().nullable(),
    townName: z.string().nullable(),
    values,
    oldFrom: z.string().nullable(),
    old: z.boolean(),
    inServiceFrom: z.string().nullable(),
    endedOn: z.string().nullable(),
    replacedBy: link,
    replaces: link,
    events: z.array(assetEventView),
    canWrite: z.boolean(),
    eventTypes: z.array(z.string()).describe('Event type codes that may be recorded now'),
    updatedAt: z.string(),
  })
  .meta({ id: 'LedgerAssetView' });
export type AssetView = z.infer<typeof assetView>;

export const historyEntry = z
  .object({
    at: z.string(),
    actor: z.string().nullable(),
    action: z.string(),
    kind: z.enum(['event', 'edit', 'status']),
    summary: z.string(),
    before: z.unknown().optional(),
    after: z.unknown().optional(),
  })
  .meta({ id: 'LedgerAssetHistoryEntry' });
export type HistoryEntry = z.infer<typeof historyEntry>;

const count = z.number().int();
export const overviewView = z
  .object({
    inService: count,
    old: count,
    oldShare: z.number().nullable().describe('old / inService (0–1); null when nothing is in service'),
    renewedThisYear: count.describe('Upgraded, replaced and retrofitted this year to date'),
    byYear: z.array(
      z.object({
        year: count,
        added: count,
        upgraded: count,
        replaced: count,
        scrapped: count,
        retrofitted: count,
        oldAtEnd: count.describe('Old at the year’s end (today for this year)'),
      }),
    ),
    byTown: z.array(z.object({ townId: count.nullable(), townName: z.string().nullable(), inService: count, old: count })),
    metrics: z.array(z.object({ name: z.string(), label: z.string(), unit: z.string(), value: z.number().nullable().describe('This year to date') })),
  })
  .meta({ id: 'LedgerOverview' });
export type OverviewView = z.infer<typeof overviewView>;
