/**
 * The whole database as Kysely sees it. Empty here on purpose: each module adds its own tables by declaration
 * merging at the end of its `tables.ts` (`declare module '…/db/schema.js' { interface DatabaseSchema extends
 * XTables {} }`), so a new module's tables are typed without editing this file, and `db/` imports no module.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DatabaseSchema {}
