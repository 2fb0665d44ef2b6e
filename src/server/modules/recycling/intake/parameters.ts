import type { ParameterDefinition } from '../../../core/parameters.js';

const TO_CONFIRM = { 'zh-CN': '（待市税务局确认）', en: ' (to be confirmed by 市税务局)' };

/**
 * Reverse invoicing (反向开票, 国家税务总局公告2024年第5号, from 2024-04-29): the rates a recycler collects from an
 * individual seller and the seller's yearly limit. Public policy as generally published, held as configuration
 * because 市税务局 confirms them (and the 1% VAT rate is a reduced rate that runs through 2027). Rates are in basis
 * points (1% = 100) because parameters are integers.
 */
export const intakeParameters: readonly ParameterDefinition[] = [
  {
    key: 'recycling.reverseInvoiceVatRateBp',
    type: 'integer',
    readByPages: true,
    default: 100,
    min: 0,
    max: 1300,
    unit: { 'zh-CN': '基点（1% = 100）', en: 'basis points (1% = 100)' },
    label: { 'zh-CN': `反向开票增值税征收率${TO_CONFIRM['zh-CN']}`, en: `Reverse-invoice VAT rate${TO_CONFIRM.en}` },
    description: {
      'zh-CN': '向自然人收购报废产品反向开票时代征的增值税征收率：小规模纳税人减按 1%（执行至 2027 年底），否则 3%',
      en: 'The VAT rate collected on a reverse invoice to an individual seller: the small-scale rate reduced to 1% through 2027, otherwise 3%',
    },
  },
  {
    key: 'recycling.reverseInvoiceIncomeTaxRateBp',
    type: 'integer',
    readByPages: true,
    default: 50,
    min: 0,
    max: 2000,
    unit: { 'zh-CN': '基点（0.5% = 50）', en: 'basis points (0.5% = 50)' },
    label: { 'zh-CN': `反向开票个人所得税代扣率${TO_CONFIRM['zh-CN']}`, en: `Reverse-invoice income tax rate${TO_CONFIRM.en}` },
    description: {
      'zh-CN': '反向开票时按不含增值税销售额代扣代缴的个人所得税率（0.5%）',
      en: 'The individual income tax withheld on a reverse invoice, as a share of the sale excluding VAT (0.5%)',
    },
  },
  {
    key: 'recycling.reverseInvoiceAnnualLimitYuan',
    type: 'integer',
    readByPages: true,
    default: 5_000_000,
    min: 1,
    max: 100_000_000,
    unit: { 'zh-CN': '元（不含增值税）', en: 'yuan (VAT excluded)' },
    label: { 'zh-CN': `自然人年度反向开票限额${TO_CONFIRM['zh-CN']}`, en: `Individual's yearly reverse-invoice limit${TO_CONFIRM.en}` },
    description: {
      'zh-CN': '同一自然人一个公历年度内（所有回收企业合计）反向开票的不含税销售额上限，超过须办理个体工商户登记',
      en: 'What one individual may sell on reverse invoices in a calendar year, VAT excluded, across all recyclers; beyond it the seller must register as an individual business',
    },
  },
];

declare module '../../../core/parameters.js' {
  interface ParameterValues {
    'recycling.reverseInvoiceVatRateBp': number;
    'recycling.reverseInvoiceIncomeTaxRateBp': number;
    'recycling.reverseInvoiceAnnualLimitYuan': number;
  }
}
