import { sql, type RawBuilder } from 'kysely';
import type { DialectName } from './database.js';

/**
 * `column IN (ids)` written so the SQL text is the same whatever the number of ids: SQLite reads them from one
 * JSON array parameter, PostgreSQL from one array parameter. A literal IN list is a new statement for every
 * length, so hot batch queries missed the prepared-statement cache and were parsed and planned again each time.
 */
export function inIds(dialect: DialectName, column: string, ids: readonly number[]): RawBuilder<boolean> {
  return dialect === 'postgres'
    ? sql<boolean>`${sql.ref(column)} = any(${[...ids]}::bigint[])`
    : sql<boolean>`${sql.ref(column)} in (select value from json_each(${JSON.stringify(ids)}))`;
}

/** The same for text keys. */
export function inTexts(dialect: DialectName, column: string, values: readonly string[]): RawBuilder<boolean> {
  return dialect === 'postgres'
    ? sql<boolean>`${sql.ref(column)} = any(${[...values]}::text[])`
    : sql<boolean>`${sql.ref(column)} in (select value from json_each(${JSON.stringify(values)}))`;
}

export type ColumnType = 'text' | 'bigint';

/**
 * Rows given one array per column, as a FROM item `alias` with those column names — the SQL text is the same for
 * any number of rows, so a batch insert (`INSERT … SELECT … FROM` this) is compiled and prepared once instead of a
 * VALUES list of rows × columns parameters each time. SQLite reads one JSON array of rows, PostgreSQL one typed
 * array per column (unnest). Rows come out in the order given.
 */
export function rowsFromColumns(
  dialect: DialectName,
  alias: string,
  columns: Record<string, { type: ColumnType; values: readonly (string | number | null)[] }>,
) {
  const names = Object.keys(columns);
  const length = columns[names[0]!]!.values.length;
  if (dialect === 'postgres') {
    const arrays = sql.join(names.map((n) => sql`${[...columns[n]!.values]}::${sql.raw(columns[n]!.type)}[]`));
    const list = sql.join(names.map((n) => sql.id(n)));
    return sql`(select ${list} from unnest(${arrays}) with ordinality as r(${list}, row_number) order by row_number)`.as(alias);
  }
  const rows = Array.from({ length }, (_, i) => names.map((n) => columns[n]!.values[i] ?? null));
  const list = sql.join(names.map((n, i) => sql`value ->> ${sql.lit(i)} as ${sql.id(n)}`));
  return sql`(select ${list} from json_each(${JSON.stringify(rows)}) order by key)`.as(alias);
}
