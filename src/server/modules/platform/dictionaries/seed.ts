import type { AppDeps } from '../../../core/deps.js';
import { systemContext } from '../../../core/context.js';
import type { DictionaryDefinition } from '../../../core/extensions.js';
import { inTransaction, type Tx } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { appendAudit } from '../audit/auditTrail.js';

/**
 * Loads every module's declared dictionaries, at every start: a dictionary's name follows its declaration; an
 * item missing is added after the others, with its parent; an item officials relabelled, reordered, disabled or
 * removed is left as they left it (a removed item stays as a row, so it is not added again). Safe from several
 * processes at once: the unique codes decide, the loser adds nothing.
 */
export async function seedDictionaries(deps: AppDeps): Promise<void> {
  const ctx = systemContext('seed');
  for (const m of deps.modules)
    for (const d of m.dictionaries ?? [])
      await inTransaction(deps.database, async (tx) => {
        const now = nowIso();
        const names = {
          name_zh: d.name['zh-CN'],
          name_en: d.name.en,
          description_zh: d.description?.['zh-CN'] ?? null,
          description_en: d.description?.en ?? null,
          owner_module: m.name,
        };
        await tx
          .insertInto('dictionaries')
          .values({ code: d.code, ...names, created_at: now, updated_at: now })
          .onConflict((oc) => oc.column('code').doNothing())
          .execute();
        const row = await tx.selectFrom('dictionaries').selectAll().where('code', '=', d.code).executeTakeFirstOrThrow();
        const dictionaryId = Number(row.id);
        if (
          row.name_zh !== names.name_zh ||
          row.name_en !== names.name_en ||
          row.description_zh !== names.description_zh ||
          row.description_en !== names.description_en ||
          row.owner_module !== names.owner_module
        )
          await tx
            .updateTable('dictionaries')
            .set({ ...names, updated_at: now })
            .where('id', '=', dictionaryId)
            .execute();
        const added = await addMissingItems(tx, dictionaryId, d, now);
        if (added.length)
          await appendAudit(tx, ctx, { entity: 'dictionary_item', entityId: d.code, action: 'seed', after: { dictionary: d.code, items: added } });
      });
}

async function addMissingItems(tx: Tx, dictionaryId: number, d: DictionaryDefinition, now: string) {
  const existing = await tx.selectFrom('dictionary_items').select(['id', 'code', 'sort_order']).where('dictionary_id', '=', dictionaryId).execute();
  const known = new Set(existing.map((e) => e.code));
  let order = existing.reduce((max, e) => Math.max(max, Number(e.sort_order)), 0);
  const added: string[] = [];
  for (const item of d.items) {
    if (known.has(item.code)) continue;
    order += 10;
    const res = await tx
      .insertInto('dictionary_items')
      .values({
        dictionary_id: dictionaryId,
        code: item.code,
        label_zh: item.label['zh-CN'],
        label_en: item.label.en,
        sort_order: order,
        enabled: 1,
        parent_id: null,
        version: 1,
        created_at: now,
        updated_at: now,
        deleted_at: null,
      })
      .onConflict((oc) => oc.columns(['dictionary_id', 'code']).doNothing())
      .executeTakeFirst();
    if (Number(res.numInsertedOrUpdatedRows ?? 0) === 1) added.push(item.code);
  }
  // Parents after every item is in, so a declaration may name a parent further down its list.
  for (const item of d.items) {
    if (!item.parent || !added.includes(item.code)) continue;
    const parent = await tx
      .selectFrom('dictionary_items')
      .select('id')
      .where('dictionary_id', '=', dictionaryId)
      .where('code', '=', item.parent)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (parent)
      await tx
        .updateTable('dictionary_items')
        .set({ parent_id: Number(parent.id) })
        .where('dictionary_id', '=', dictionaryId)
        .where('code', '=', item.code)
        .execute();
  }
  return added;
}
