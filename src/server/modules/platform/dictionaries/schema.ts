import { z } from 'zod';

/** What records store: lower-case letters, digits and `_`, never changed once created. */
const code = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_]{0,39}$/)
  .describe('Lower-case letters, digits and _, at most 40');
const label = z.string().trim().min(1).max(60);

export const dictionaryParams = z.object({ code: z.string().trim().min(1).max(40) });
export const dictionaryItemParams = dictionaryParams.extend({ item: z.string().trim().min(1).max(40) });

export const dictionaryView = z
  .object({
    code: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    descriptionZh: z.string().nullable(),
    descriptionEn: z.string().nullable(),
    ownerModule: z.string(),
    itemCount: z.number().int(),
    enabledCount: z.number().int(),
  })
  .meta({ id: 'Dictionary' });
export type DictionaryView = z.infer<typeof dictionaryView>;

export const dictionaryItemView = z
  .object({
    code: z.string(),
    labelZh: z.string(),
    labelEn: z.string(),
    sortOrder: z.number().int(),
    enabled: z.boolean(),
    parentCode: z.string().nullable(),
    version: z.number().int(),
    updatedAt: z.string(),
    /** How many records use the code (every module's usage checkers together). */
    uses: z.number().int(),
  })
  .meta({ id: 'DictionaryItem' });
export type DictionaryItemView = z.infer<typeof dictionaryItemView>;

export const dictionaryDetail = dictionaryView.extend({ items: z.array(dictionaryItemView) }).meta({ id: 'DictionaryDetail' });
export type DictionaryDetail = z.infer<typeof dictionaryDetail>;

/** What a form needs: the enabled items in order, both labels (the page picks its language). */
export const publicDictionaryItem = z
  .object({ code: z.string(), labelZh: z.string(), labelEn: z.string(), parentCode: z.string().nullable() })
  .meta({ id: 'PublicDictionaryItem' });
export type PublicDictionaryItem = z.infer<typeof publicDictionaryItem>;

const sortOrder = z.number().int().min(0).max(100_000);

export const createItemBody = z
  .object({
    code,
    labelZh: label,
    labelEn: label,
    sortOrder: sortOrder.optional().describe('Defaults to after the last item'),
    enabled: z.boolean().default(true),
    parentCode: z.string().trim().max(40).nullable().optional(),
  })
  .strict();
export type CreateItemInput = z.infer<typeof createItemBody>;

export const updateItemBody = z
  .object({
    version: z.number().int().min(1).describe('The version read; a stale one is 409 VERSION_CONFLICT'),
    labelZh: label.optional(),
    labelEn: label.optional(),
    sortOrder: sortOrder.optional(),
    enabled: z.boolean().optional(),
    parentCode: z.string().trim().max(40).nullable().optional(),
  })
  .strict();
export type UpdateItemInput = z.infer<typeof updateItemBody>;

export const deleteItemQuery = z.object({ version: z.coerce.number().int().min(1) });
