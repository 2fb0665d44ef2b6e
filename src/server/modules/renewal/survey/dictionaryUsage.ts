import type { DictionaryUsageChecker } from '../../../core/extensions.js';
import type { Queryable } from '../../../db/database.js';
import { DIGITAL_RD_TOOL_DICTIONARY } from '../../../../shared/enums/renewalSurvey.js';

/** A tool responses name can be disabled (they keep it) but never deleted. */
export const surveyDictionaryUsage: readonly DictionaryUsageChecker[] = [
  {
    dictionary: DIGITAL_RD_TOOL_DICTIONARY,
    usedBy: { 'zh-CN': '企业数字化调查', en: 'enterprise digitalisation survey responses' },
    async countUses(db: Queryable, code: string) {
      // Codes are stored as a JSON array of quoted strings, so the quoted code matches only itself.
      const row = await db
        .selectFrom('renewal_survey_responses')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('rd_tools_json', 'like', `%"${code.replace(/[\\%_"]/g, '')}"%`)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  },
  {
    dictionary: 'industry',
    usedBy: { 'zh-CN': '企业数字化调查名录', en: 'digitalisation survey registers' },
    async countUses(db: Queryable, code: string) {
      const row = await db
        .selectFrom('renewal_survey_register')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('industry', '=', code)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  },
];
