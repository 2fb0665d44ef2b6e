import { z } from 'zod';
import type { SelectQueryBuilder } from 'kysely';

/** The list query every list endpoint accepts: page from 1, page size up to 200, one sort key, an order. */
export function listQuery<S extends readonly [string, ...string[]]>(sortable: S) {
  return z.object({
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(20),
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

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * Runs a filtered query twice: once for the total, once for the page. `base` must carry the filters but no
 * order, limit or selection of its own.
 */
export async function paginate<DB, TB extends keyof DB, O, Row>(
  base: SelectQueryBuilder<DB, TB, O>,
  select: (qb: SelectQueryBuilder<DB, TB, O>) => SelectQueryBuilder<DB, TB, Row>,
  params: { page: number; pageSize: number },
): Promise<Page<Row>> {
  const countRow = (await base
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirst()) as { total: number | string } | undefined;
  const items = await select(base)
    .limit(params.pageSize)
    .offset((params.page - 1) * params.pageSize)
    .execute();
  return { items, total: Number(countRow?.total ?? 0), page: params.page, pageSize: params.pageSize };
}

/** Escapes a user's search text for LIKE. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
