import type { DictionaryUsageChecker } from '../../../core/extensions.js';
import type { Queryable } from '../../../db/database.js';
import { CERTIFICATION_KIND_DICTIONARY } from '../../../../shared/enums/renewalStandards.js';

/** A certification kind certifications name can be disabled (they keep it) but never deleted. */
const certificationKindUsage: DictionaryUsageChecker = {
  dictionary: CERTIFICATION_KIND_DICTIONARY,
  usedBy: { 'zh-CN': '企业认证', en: 'certifications' },
  async countUses(db: Queryable, code: string) {
    const row = await db
      .selectFrom('renewal_certifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('kind', '=', code)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },
};

/** Nor an industry R&D reports are filed under. */
const rdIndustryUsage: DictionaryUsageChecker = {
  dictionary: 'industry',
  usedBy: { 'zh-CN': '研发投入报告', en: 'R&D investment reports' },
  async countUses(db: Queryable, code: string) {
    const row = await db
      .selectFrom('renewal_rd_reports')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('industry', '=', code)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },
};

/** Dictionaries of the standards part that its records use (an item in use can be disabled, never deleted). */
export const standardsDictionaryUsage: readonly DictionaryUsageChecker[] = [certificationKindUsage, rdIndustryUsage];
