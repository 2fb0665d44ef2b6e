import type { ParameterDefinition } from '../../../core/parameters.js';

/** How long a violation is published by default (module contract `parameters`). */
export const dealersParameters: readonly ParameterDefinition[] = [
  {
    key: 'recycling.creditDisclosureDays',
    type: 'integer',
    default: 1095,
    min: 90,
    max: 3650,
    unit: { 'zh-CN': '天', en: 'days' },
    label: { 'zh-CN': '二手商品经营违规公示期限', en: 'Dealer violation disclosure period' },
    description: {
      'zh-CN': '二手商品经营主体的违规记录自违规日期起默认公示的天数（登记时可另定截止日期）',
      en: 'For how many days after its date a dealer’s violation is published by default (a record may set its own end)',
    },
  },
];

declare module '../../../core/parameters.js' {
  interface ParameterValues {
    'recycling.creditDisclosureDays': number;
  }
}
