import type { SelectQueryBuilder } from 'kysely';

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
