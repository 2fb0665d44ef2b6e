import type { AppDeps } from '../../../core/deps.js';
import type { IntegerParameter } from '../../../core/parameters.js';
import type { MatterUrgency } from './tables.js';

const days = { 'zh-CN': '天', en: 'days' };

/** How many days an answer to a major matter may take, by urgency (一般 / 紧急 / 特急). */
export const matterParameters: readonly IntegerParameter[] = [
  {
    key: 'plan.matterAnswerDaysNormal',
    type: 'integer',
    readByPages: true,
    default: 10,
    min: 1,
    max: 60,
    unit: days,
    label: { 'zh-CN': '一般重大事项答复时限', en: 'Answer time limit of an ordinary major matter' },
    description: {
      'zh-CN': '单位报送“一般”重大事项后，办公室（或工作专班）须在该天数内答复，逾期列入超时清单',
      en: 'An ordinary major matter is answered by the office (or the work team) within this many days, or it is listed overdue',
    },
  },
  {
    key: 'plan.matterAnswerDaysUrgent',
    type: 'integer',
    readByPages: true,
    default: 3,
    min: 1,
    max: 30,
    unit: days,
    label: { 'zh-CN': '紧急重大事项答复时限', en: 'Answer time limit of an urgent major matter' },
    description: {
      'zh-CN': '“紧急”重大事项须在该天数内答复',
      en: 'An urgent major matter is answered within this many days',
    },
  },
  {
    key: 'plan.matterAnswerDaysCritical',
    type: 'integer',
    readByPages: true,
    default: 1,
    min: 1,
    max: 10,
    unit: days,
    label: { 'zh-CN': '特急重大事项答复时限', en: 'Answer time limit of a most urgent major matter' },
    description: {
      'zh-CN': '“特急”重大事项须在该天数内（含当天）答复',
      en: 'A most urgent major matter is answered within this many days (the day it is raised counting as one)',
    },
  },
];

declare module '../../../core/parameters.js' {
  interface ParameterValues {
    'plan.matterAnswerDaysNormal': number;
    'plan.matterAnswerDaysUrgent': number;
    'plan.matterAnswerDaysCritical': number;
  }
}

const KEY_BY_URGENCY = {
  normal: 'plan.matterAnswerDaysNormal',
  urgent: 'plan.matterAnswerDaysUrgent',
  critical: 'plan.matterAnswerDaysCritical',
} as const;

/**
 * The days allowed for an answer. Read through the platform's parameters once the module contract lists
 * `matterParameters`; until then (an installation that did not register them) the shipped default applies.
 */
export async function answerDays(deps: AppDeps, urgency: MatterUrgency): Promise<number> {
  const key = KEY_BY_URGENCY[urgency];
  if (deps.parameters.definitions.some((d) => d.key === key)) return deps.parameters.get(key);
  return matterParameters.find((p) => p.key === key)!.default as number;
}
