import type { DictionaryDefinition } from '../../../core/extensions.js';
import { FUNDING_SOURCE_DICTIONARY, INTEREST_SUBSIDY_SOURCE } from '../../../../shared/enums/renewalFunding.js';

/**
 * Code lists of the funding records, kept by officials at /admin/dictionaries (module contract `dictionaries`):
 * the funding sources the plan names in 三(二) (中央预算内, 超长期国债, 省级预算内, 市级财政配套) and 三(三)
 * (技术创新基金, 技术改造贷款贴息). The office adds others (节能减排补助, a new batch's name…) on that page.
 */
export const fundingDictionaries: readonly DictionaryDefinition[] = [
  {
    code: FUNDING_SOURCE_DICTIONARY,
    name: { 'zh-CN': '设备更新资金来源', en: 'Equipment-renewal funding sources' },
    description: {
      'zh-CN': '设备更新和技术改造项目申报的政策性资金来源；技术改造贷款贴息（及其下级来源）按贷款本金、贴息点数和期限计算',
      en: 'Policy funding sources renewal and retrofit projects apply to; technical-retrofit loan interest subsidies (and sources under it) are computed from the loan',
    },
    items: [
      { code: 'ultra_long_treasury_bonds', label: { 'zh-CN': '超长期特别国债', en: 'Ultra-long-term special treasury bonds' } },
      { code: 'central_budget', label: { 'zh-CN': '中央预算内投资', en: 'Central budget investment' } },
      { code: 'provincial_budget', label: { 'zh-CN': '省级预算内投资', en: 'Provincial budget investment' } },
      { code: 'city_matching', label: { 'zh-CN': '市级财政配套', en: 'City matching funds' } },
      { code: INTEREST_SUBSIDY_SOURCE, label: { 'zh-CN': '技术改造贷款贴息', en: 'Technical-retrofit loan interest subsidy' } },
      { code: 'tech_innovation_fund', label: { 'zh-CN': '技术创新基金', en: 'Technology innovation fund' } },
    ],
  },
];
