import { notFound } from '../../../core/errors.js';
import { shanghaiDate } from '../../../core/time.js';
import type { Queryable } from '../../../db/database.js';
import { ledgerDefinition, type LedgerDefinition } from '../../../../shared/ledgers/definition.js';
import type { ValueLookups } from '../../../../shared/ledgers/values.js';
import type { KindRecord } from '../policies/kind.js';

/** A ledger kind with its current definition, as every part of the module works with it. */
export interface LoadedKind {
  id: number;
  code: string;
  keeperOrganizationId: number;
  version: number;
  shipped: boolean;
  /** Shared between callers (cached per process): read it, never change it. */
  definition: LedgerDefinition;
  /** For the policies. */
  record: KindRecord;
}

type KindRow = { id: number; code: string; keeper_organization_id: number; version: number; shipped: number; definition_json: string };

// Parsing a definition through zod costs more than the query that read it; a list page, an import and a metric
// read the same few definitions again and again. Keyed by (kind, version) and checked against the stored text, so
// two databases in one process (tests) or a rewritten row never get another's definition.
const MAX_CACHED = 500;
const parsed = new Map<string, { json: string; definition: LedgerDefinition }>();

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** A stored definition, parsed once per (kind, version). */
export function parseDefinition(kindId: number, version: number, json: string): LedgerDefinition {
  const key = `${kindId}:${version}`;
  const hit = parsed.get(key);
  if (hit && hit.json === json) return hit.definition;
  const definition = deepFreeze(ledgerDefinition.parse(JSON.parse(json)));
  if (parsed.size >= MAX_CACHED) parsed.clear();
  parsed.set(key, { json, definition });
  return definition;
}

const kindsWithDefinition = (db: Queryable) =>
  db
    .selectFrom('ledger_kinds as k')
    .innerJoin('ledger_kind_versions as v', (j) => j.onRef('v.kind_id', '=', 'k.id').onRef('v.version', '=', 'k.version'))
    .select(['k.id', 'k.code', 'k.keeper_organization_id', 'k.version', 'k.shipped', 'v.definition_json']);

function toLoaded(r: KindRow): LoadedKind {
  const id = Number(r.id);
  const version = Number(r.version);
  const definition = parseDefinition(id, version, r.definition_json);
  const keeperOrganizationId = Number(r.keeper_organization_id);
  return {
    id,
    code: r.code,
    keeperOrganizationId,
    version,
    shipped: Number(r.shipped) === 1,
    definition,
    record: { keeperOrganizationId, coKeepers: definition.coKeepers, townAccess: definition.townAccess },
  };
}

/** The kind with its current definition; 404 when there is none. */
export async function loadKind(db: Queryable, id: number): Promise<LoadedKind> {
  const row = await kindsWithDefinition(db).where('k.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return toLoaded(row);
}

export async function loadKindByCode(db: Queryable, code: string): Promise<LoadedKind | undefined> {
  const row = await kindsWithDefinition(db).where('k.code', '=', code).executeTakeFirst();
  return row && toLoaded(row);
}

/** Every kind, in code order. */
export async function listKinds(db: Queryable): Promise<LoadedKind[]> {
  return (await kindsWithDefinition(db).orderBy('k.code').execute()).map(toLoaded);
}

/** The dictionaries a definition's fields and event fields take codes from. */
export function dictionariesOf(def: LedgerDefinition): string[] {
  const codes = [...def.fields, ...def.events.flatMap((e) => e.fields)].flatMap((f) => (f.type === 'dictionary' && f.dictionary ? [f.dictionary] : []));
  return [...new Set(codes)];
}

/**
 * What checking values against a definition needs from the database: the enabled codes of its dictionaries, the
 * towns and the organisations (a few hundred ids at most, read once per call), and today in Shanghai.
 */
export async function valueLookups(db: Queryable, def: LedgerDefinition): Promise<ValueLookups> {
  const dictionaries = dictionariesOf(def);
  const items = dictionaries.length
    ? await db
        .selectFrom('dictionary_items as i')
        .innerJoin('dictionaries as d', 'd.id', 'i.dictionary_id')
        .select(['d.code as dictionary', 'i.code'])
        .where('d.code', 'in', dictionaries)
        .where('i.enabled', '=', 1)
        .where('i.deleted_at', 'is', null)
        .execute()
    : [];
  const codes = new Map<string, Set<string>>(dictionaries.map((d) => [d, new Set<string>()]));
  for (const i of items) codes.get(i.dictionary)?.add(i.code);
  const orgs = await db.selectFrom('organizations').select(['id', 'kind']).execute();
  const towns = new Set(orgs.filter((o) => o.kind === 'town').map((o) => Number(o.id)));
  const organizations = new Set(orgs.map((o) => Number(o.id)));
  return {
    // A dictionary without enabled codes (or missing) refuses every new code.
    dictionaryCodes: (code) => codes.get(code),
    isTown: (id) => towns.has(id),
    isOrganization: (id) => organizations.has(id),
    today: shanghaiDate(),
  };
}
