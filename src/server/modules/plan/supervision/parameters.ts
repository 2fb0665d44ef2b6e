import type { ParameterDefinition } from '../../../core/parameters.js';

/** The thresholds of the three-colour alerts (module contract `parameters`), kept by the office. */
export const supervisionParameterList: ParameterDefinition[] = [
  {
    key: 'plan.alerts.blueDays',
    type: 'integer',
    readByPages: true,
    default: 3,
    min: 1,
    max: 30,
    unit: { 'zh-CN': '天', en: 'days' },
    label: { 'zh-CN': '蓝色预警提前天数', en: 'Blue alert: days before a deadline' },
    description: {
      'zh-CN': '指标目标、报告截止日或督办单办理期限在该天数内到期且尚未完成的，标记为蓝色预警',
      en: 'An indicator target, a report deadline or a supervision order due within this many days and not yet met is flagged blue',
    },
  },
  {
    key: 'plan.alerts.yellowTolerancePoints',
    type: 'integer',
    readByPages: true,
    default: 5,
    min: 0,
    max: 50,
    unit: { 'zh-CN': '个百分点', en: 'percentage points' },
    label: { 'zh-CN': '黄色预警序时进度容差', en: 'Yellow alert: tolerance behind the pro-rata schedule' },
    description: {
      'zh-CN': '完成进度低于序时进度（时间过半、任务过半）超过该百分点数的，标记为黄色预警',
      en: 'Progress (share of the target) behind the share of the period elapsed by more than this many points is flagged yellow',
    },
  },
];

declare module '../../../core/parameters.js' {
  interface ParameterValues {
    'plan.alerts.blueDays': number;
    'plan.alerts.yellowTolerancePoints': number;
  }
}
