import { sql } from 'kysely';
import type { DictionaryUsageChecker } from '../../../core/extensions.js';
import type { Queryable } from '../../../db/database.js';
import { likePattern } from '../../../http/pagination.js';

/** A material kind sites accept can be disabled (sites keep it) but never deleted. */
export const siteMaterialUsage: DictionaryUsageChecker = {
  dictionary: 'material_kind',
  usedBy: { 'zh-CN': '回收网点', en: 'recycling sites' },
  async countUses(db: Queryable, code: string) {
    // materials_json is a JSON array of codes: the quoted code matches the whole code only.
    const row = await db
      .selectFrom('recycling_sites')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) => sql<boolean>`${eb.ref('materials_json')} like ${likePattern(JSON.stringify(code))} escape '\\'`)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },
};
