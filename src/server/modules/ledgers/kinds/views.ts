import type { Actor, RequestContext } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import type { Queryable } from '../../../db/database.js';
import { ledgerMetricName, type LedgerDefinition, type OldRule } from '../../../../shared/ledgers/definition.js';
import { describeRule } from '../../../../shared/ledgers/rules.js';
import { assetPolicy } from '../policies/asset.js';
import { kindPolicy } from '../policies/kind.js';
import type { LoadedKind } from './current.js';
import type { KindView } from './schema.js';

export interface Named {
  id: number;
  name: string;
}

/** Names of organisations by id (keepers, co-keepers). */
export async function organizationNames(db: Queryable, ids: readonly number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db.selectFrom('organizations').select(['id', 'name']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [Number(r.id), r.name]));
}

export const named = (names: Map<number, string>, id: number): Named => ({ id, name: names.get(id) ?? String(id) });

/** What the caller may do with a kind: change its definition; register and edit its assets (a town: its own). */
export function kindAbilities(actor: Actor, kind: LoadedKind): { canDefine: boolean; canWrite: boolean } {
  return { canDefine: kindPolicy.can(actor, 'define', kind.record), canWrite: assetPolicy.can(actor, 'write', { kind: kind.record }) };
}

/** The figures a plan indicator can bind, in the caller's language. */
export function kindMetrics(code: string, def: LedgerDefinition, locale: RequestContext['locale']) {
  return def.metrics.map((m) => ({ name: ledgerMetricName(code, m.code), label: locale === 'en' ? m.label.en : m.label.zh, unit: m.unit }));
}

/**
 * The old rule in words, zh and en, with the dictionary codes it names in their labels ("能源类型 属于 柴油、汽油",
 * not "diesel、gasoline").
 */
export async function ruleText(db: Queryable, def: LedgerDefinition): Promise<{ zh: string; en: string }> {
  const rule = def.oldRule;
  const dictionaryOf = (key: string) => def.fields.find((f) => f.key === key && f.type === 'dictionary')?.dictionary;
  const dictionaries = [...new Set((rule?.conditions ?? []).flatMap((c) => dictionaryOf(c.field) ?? []))];
  const rows = dictionaries.length
    ? await db
        .selectFrom('dictionary_items as i')
        .innerJoin('dictionaries as d', 'd.id', 'i.dictionary_id')
        .select(['d.code as dictionary', 'i.code', 'i.label_zh', 'i.label_en'])
        .where('d.code', 'in', dictionaries)
        .execute()
    : [];
  const labels = new Map(rows.map((r) => [`${r.dictionary}\u0000${r.code}`, { zh: r.label_zh, en: r.label_en }]));
  const labelled = (lang: 'zh' | 'en'): OldRule | null => {
    if (!rule) return null;
    const name = (field: string, v: string | number) => labels.get(`${dictionaryOf(field)}\u0000${v}`)?.[lang] ?? v;
    return {
      ...rule,
      conditions: rule.conditions.map((c) =>
        'values' in c ? { ...c, values: c.values.map((v) => name(c.field, v)) } : 'value' in c ? { ...c, value: name(c.field, c.value) } : c,
      ),
    };
  };
  return { zh: describeRule(def, labelled('zh'), 'zh-CN'), en: describeRule(def, labelled('en'), 'en') };
}

export async function kindViewOf(db: Queryable, ctx: RequestContext, kind: LoadedKind): Promise<KindView> {
  const def = kind.definition;
  const row = await db.selectFrom('ledger_kinds').select('updated_at').where('id', '=', kind.id).executeTakeFirst();
  if (!row) throw notFound();
  const names = await organizationNames(db, [kind.keeperOrganizationId, ...def.coKeepers]);
  return {
    id: kind.id,
    code: kind.code,
    keeper: named(names, kind.keeperOrganizationId),
    coKeepers: def.coKeepers.map((id) => named(names, id)),
    version: kind.version,
    shipped: kind.shipped,
    definition: def,
    ruleText: await ruleText(db, def),
    ...kindAbilities(ctx.actor, kind),
    metrics: kindMetrics(kind.code, def, ctx.locale),
    updatedAt: row.updated_at,
  };
}
