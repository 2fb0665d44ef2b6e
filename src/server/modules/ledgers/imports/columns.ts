import type { Queryable } from '../../../db/database.js';
import { activeFields, type LedgerDefinition, type LedgerEventType, type LedgerField } from '../../../../shared/ledgers/definition.js';
import { dictionariesOf } from '../kinds/current.js';

/**
 * The columns of a kind's import sheet, the same for the template that is handed out and the file that comes
 * back: one per active field (files cannot travel in a spreadsheet), plus the day an asset was added when the
 * kind records additions. A header reads "中文名 English name", a required one starts with *.
 */

export interface ImportColumn {
  /** The field's key, or ADDED_KEY. */
  key: string;
  header: string;
  /** Absent for the added date. */
  field?: LedgerField;
  required: boolean;
}

/** Not a field key (keys are camelCase letters and digits), so it never collides with one. */
export const ADDED_KEY = '@added';
export const ADDED_LABEL = { zh: '新增日期', en: 'Added on' };

export const addedEventOf = (def: LedgerDefinition): LedgerEventType | undefined => def.events.find((e) => e.effect === 'added');

const headerOf = (label: { zh: string; en: string }, required: boolean) => `${required ? '*' : ''}${label.zh} ${label.en}`;

export function importColumns(def: LedgerDefinition): ImportColumn[] {
  const columns: ImportColumn[] = activeFields(def)
    .filter((f) => f.type !== 'file')
    .map((f) => ({ key: f.key, header: headerOf(f.label, f.required), field: f, required: f.required }));
  if (addedEventOf(def)) columns.push({ key: ADDED_KEY, header: headerOf(ADDED_LABEL, false), required: false });
  return columns;
}

/** A header as people retype it: without the required mark, spaces collapsed, case ignored. */
export const normalHeader = (text: string) =>
  text
    .replace(/^\s*[*＊]\s*/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

/** Every text a header may read for a column: the template's, the Chinese or the English label, the key. */
export function headerNames(column: ImportColumn): string[] {
  const label = column.field?.label ?? ADDED_LABEL;
  return [`${label.zh} ${label.en}`, label.zh, label.en, column.field ? column.key : 'added'].map(normalHeader);
}

export interface DictionaryEntry {
  code: string;
  zh: string;
  en: string;
  enabled: boolean;
}

/** What turns the names people type into the codes and ids values hold. */
export interface ImportLabels {
  /** By dictionary code: its items in their order (enabled ones first offered in the template). */
  dictionaries: Map<string, DictionaryEntry[]>;
  towns: { id: number; name: string }[];
  /** Organisation names → ids; a name several organisations share maps to all of them. */
  organizations: Map<string, number[]>;
}

export async function loadImportLabels(db: Queryable, def: LedgerDefinition): Promise<ImportLabels> {
  const codes = dictionariesOf(def);
  const items = codes.length
    ? await db
        .selectFrom('dictionary_items as i')
        .innerJoin('dictionaries as d', 'd.id', 'i.dictionary_id')
        .select(['d.code as dictionary', 'i.code', 'i.label_zh', 'i.label_en', 'i.enabled'])
        .where('d.code', 'in', codes)
        .where('i.deleted_at', 'is', null)
        .orderBy('i.sort_order')
        .orderBy('i.id')
        .execute()
    : [];
  const dictionaries = new Map<string, DictionaryEntry[]>(codes.map((c) => [c, []]));
  for (const i of items) dictionaries.get(i.dictionary)?.push({ code: i.code, zh: i.label_zh, en: i.label_en, enabled: Number(i.enabled) === 1 });
  const needsOrganizations = def.fields.some((f) => f.type === 'organization' && !f.retired);
  const orgs = await db
    .selectFrom('organizations')
    .select(['id', 'name', 'kind'])
    .$if(!needsOrganizations, (q) => q.where('kind', '=', 'town'))
    .orderBy('id')
    .execute();
  const organizations = new Map<string, number[]>();
  for (const o of orgs) organizations.set(o.name.trim(), [...(organizations.get(o.name.trim()) ?? []), Number(o.id)]);
  return { dictionaries, towns: orgs.filter((o) => o.kind === 'town').map((o) => ({ id: Number(o.id), name: o.name })), organizations };
}
