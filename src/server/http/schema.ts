import { z } from 'zod';

/**
 * The schema pieces every route shares, written once: the id in a path, and the paging and sorting of a list.
 * One page size by default and one largest page, whatever the list, so a client pages every list the same way.
 */
export const positiveId = z.coerce.number().int().positive();

/** `/:id` of any record. */
export const idParams = z.object({ id: positiveId });

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 200;

export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
});

/** The list query every sortable list endpoint accepts: a page, one sort key of the list's own, an order, a search text. */
export function listQuery<S extends readonly [string, ...string[]]>(sortable: S) {
  return pageQuery.extend({
    sort: z.enum(sortable).optional(),
    order: z.enum(['asc', 'desc']).default('desc'),
    q: z.string().trim().max(100).optional(),
  });
}

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}
