import type { Queryable } from '../../../db/database.js';
import type { Locale } from '../../../../shared/roles.js';
import { FUNDING_SOURCE_DICTIONARY, INTEREST_SUBSIDY_SOURCE } from '../../../../shared/enums/renewalFunding.js';

export interface SourceItem {
  code: string;
  labelZh: string;
  labelEn: string;
  sortOrder: number;
  parentCode: string | null;
}

/** Every source of the dictionary, disabled ones too (old records keep their code), in the office's order. */
export async function fundingSources(db: Queryable): Promise<SourceItem[]> {
  const rows = await db
    .selectFrom('dictionary_items as i')
    .innerJoin('dictionaries as d', 'd.id', 'i.dictionary_id')
    .leftJoin('dictionary_items as p', 'p.id', 'i.parent_id')
    .select(['i.code', 'i.label_zh', 'i.label_en', 'i.sort_order', 'p.code as parent_code'])
    .where('d.code', '=', FUNDING_SOURCE_DICTIONARY)
    .where('i.deleted_at', 'is', null)
    .orderBy('i.sort_order')
    .orderBy('i.id')
    .execute();
  return rows.map((r) => ({ code: r.code, labelZh: r.label_zh, labelEn: r.label_en, sortOrder: Number(r.sort_order), parentCode: r.parent_code }));
}

export const sourceLabel = (sources: readonly SourceItem[], code: string, locale: Locale) => {
  const s = sources.find((x) => x.code === code);
  return s ? (locale === 'en' ? s.labelEn : s.labelZh) : code;
};

/** 技术改造贷款贴息, or a source the office added under it: its applications carry a loan and compute their subsidy. */
export async function isInterestSource(db: Queryable, code: string): Promise<boolean> {
  if (code === INTEREST_SUBSIDY_SOURCE) return true;
  const row = await db
    .selectFrom('dictionary_items as i')
    .innerJoin('dictionaries as d', 'd.id', 'i.dictionary_id')
    .innerJoin('dictionary_items as p', 'p.id', 'i.parent_id')
    .select('p.code')
    .where('d.code', '=', FUNDING_SOURCE_DICTIONARY)
    .where('i.code', '=', code)
    .executeTakeFirst();
  return row?.code === INTEREST_SUBSIDY_SOURCE;
}
