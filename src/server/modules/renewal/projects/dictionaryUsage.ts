import type { DictionaryUsageChecker } from '../../../core/extensions.js';
import type { Queryable } from '../../../db/database.js';

/** An industry projects are filed under can be disabled (they keep it) but never deleted. */
const industryUsage: DictionaryUsageChecker = {
  dictionary: 'industry',
  usedBy: { 'zh-CN': '技改项目', en: 'retrofit projects' },
  async countUses(db: Queryable, code: string) {
    const row = await db
      .selectFrom('renewal_projects')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('industry', '=', code)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },
};

/** Nor an item of the advanced-equipment list that a project's new equipment names. */
const advancedEquipmentUsage: DictionaryUsageChecker = {
  dictionary: 'renewal_advanced_equipment',
  usedBy: { 'zh-CN': '技改项目的新购设备', en: 'new equipment of retrofit projects' },
  async countUses(db: Queryable, code: string) {
    const row = await db
      .selectFrom('renewal_project_new_equipment')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('equipment_code', '=', code)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },
};

/** The module contract's `dictionaryUsage` entries of the projects records (renewal/index.ts lists them). */
export const projectsDictionaryUsage: readonly DictionaryUsageChecker[] = [industryUsage, advancedEquipmentUsage];
