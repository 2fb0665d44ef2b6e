import type { ParameterDefinition } from '../../../core/parameters.js';

/** How far ahead a pickup may be booked and when an unaccepted one goes to 市商务局 (module contract `parameters`). */
export const pickupParameters: readonly ParameterDefinition[] = [
  {
    key: 'recycling.pickupEscalationHours',
    type: 'integer',
    default: 24,
    min: 1,
    max: 336,
    unit: { 'zh-CN': '小时', en: 'hours' },
    label: { 'zh-CN': '上门回收未接单上报时限', en: 'Unaccepted pickup escalation' },
    description: {
      'zh-CN': '居民预约上门回收后超过该时长仍无回收企业接单，即通知市商务局协调',
      en: 'A pickup booking no recycler has taken this long after it was made is reported to 市商务局',
    },
  },
  {
    key: 'recycling.pickupMaxDaysAhead',
    type: 'integer',
    readByPages: true,
    default: 14,
    min: 1,
    max: 60,
    unit: { 'zh-CN': '天', en: 'days' },
    label: { 'zh-CN': '上门回收最长预约天数', en: 'Pickup booking horizon' },
    description: { 'zh-CN': '居民最多可预约多少天内的上门时段', en: 'How many days ahead a resident may book a pickup window' },
  },
];

declare module '../../../core/parameters.js' {
  interface ParameterValues {
    'recycling.pickupEscalationHours': number;
    'recycling.pickupMaxDaysAhead': number;
  }
}
