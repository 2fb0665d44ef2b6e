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
