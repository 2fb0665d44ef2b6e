import type { ParameterDefinition } from '../../../core/parameters.js';

/**
 * How a loan-interest subsidy (贴息) is computed: the day-count basis and the most one project may receive. Values
 * of the year's 贴息 rules, which 市财政局 and 市工信局 publish; safe to change at run time — a granted subsidy keeps
 * the basis and the figure it was granted with.
 */
export const fundingParameters: readonly ParameterDefinition[] = [
  {
    key: 'renewal.interestSubsidyDayBasis',
    type: 'enum',
    readByPages: true,
    default: '360',
    values: [
      { value: '360', label: { 'zh-CN': '360 天（按银行计息惯例，日利率 = 年利率 ÷ 360）', en: '360 days (bank convention: daily rate = annual ÷ 360)' } },
      { value: '365', label: { 'zh-CN': '365 天', en: '365 days' } },
    ],
    label: { 'zh-CN': '贷款贴息计息天数基数', en: 'Loan interest subsidy day basis' },
    description: {
      'zh-CN': '贴息 = 贷款本金 × 贴息点数 × 实际天数 ÷ 基数（算头不算尾），四舍五入至分',
      en: 'Subsidy = principal × subsidised points × actual days ÷ basis (first day counted, last not), rounded half-up to the fen',
    },
  },
  {
    key: 'renewal.interestSubsidyCapYuan',
    type: 'integer',
    readByPages: true,
    default: 5_000_000,
    min: 0,
    max: 1_000_000_000,
    unit: { 'zh-CN': '元（0 = 不设上限）', en: 'yuan (0 = no cap)' },
    label: { 'zh-CN': '单个项目贷款贴息上限', en: 'Loan interest subsidy cap per project' },
    description: {
      'zh-CN': '一个项目各笔技术改造贷款贴息合计最多下达的金额',
      en: 'The most one project may be granted in technical-retrofit loan interest subsidies, all its loans together',
    },
  },
];

declare module '../../../core/parameters.js' {
  interface ParameterValues {
    'renewal.interestSubsidyDayBasis': string;
    'renewal.interestSubsidyCapYuan': number;
  }
}
