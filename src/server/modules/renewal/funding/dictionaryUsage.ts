import type { DictionaryUsageChecker } from '../../../core/extensions.js';
import type { Queryable } from '../../../db/database.js';
import { FUNDING_SOURCE_DICTIONARY } from '../../../../shared/enums/renewalFunding.js';

/** A funding source applications name can be disabled (they keep it) but never deleted. */
export const fundingSourceUsage: DictionaryUsageChecker = {
  dictionary: FUNDING_SOURCE_DICTIONARY,
  usedBy: { 'zh-CN': '设备更新资金申报', en: 'equipment-renewal funding applications' },
  async countUses(db: Queryable, code: string) {
    const row = await db
      .selectFrom('renewal_funding_applications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('source', '=', code)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },
};
