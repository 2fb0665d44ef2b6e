import type { ParameterDefinition } from '../../../core/parameters.js';

/**
 * What the office may change about projects while the system runs (module contract `parameters`): when an old
 * machine tool counts as over-age (二(一)1: 服役10年以上老旧机床), and the simplified path — which step a project that
 * adds no land and mainly replaces equipment skips, and what "mainly" means.
 */
export const projectsParameters: readonly ParameterDefinition[] = [
  {
    key: 'renewal.oldMachineToolYears',
    type: 'integer',
    readByPages: true,
    default: 10,
    min: 1,
    max: 50,
    unit: { 'zh-CN': '年', en: 'years' },
    label: { 'zh-CN': '老旧机床服役年限', en: 'Old machine tool age' },
    description: {
      'zh-CN': '被替换的机床服役超过该年限即标记为老旧机床（方案：加快推动服役10年以上老旧机床等落后低效设备更新替代）',
      en: 'A replaced machine tool in service longer than this is flagged as old (the plan: replace machine tools in service over 10 years)',
    },
  },
  {
    key: 'renewal.simplifiedSkipStep',
    type: 'enum',
    readByPages: true,
    default: 'town_check',
    values: [
      { value: 'town_check', label: { 'zh-CN': '跳过镇街审核', en: 'Skip the town check' } },
      { value: 'none', label: { 'zh-CN': '不跳过（不启用简易程序）', en: 'Skip nothing (no simplified path)' } },
    ],
    label: { 'zh-CN': '简易程序跳过的环节', en: 'Step the simplified path skips' },
    description: {
      'zh-CN': '不新增用地、以设备更新为主的项目提交后跳过的审核环节',
      en: 'The step a project that adds no land and mainly replaces equipment skips once submitted',
    },
  },
  {
    key: 'renewal.simplifiedEquipmentSharePercent',
    type: 'integer',
    readByPages: true,
    default: 60,
    min: 1,
    max: 100,
    unit: { 'zh-CN': '%', en: '%' },
    label: { 'zh-CN': '简易程序设备投资占比', en: 'Simplified path equipment share' },
    description: {
      'zh-CN': '设备投资占计划总投资不低于该比例、且不新增用地的项目可走简易程序',
      en: 'A project adding no land whose equipment share of the planned investment is at least this takes the simplified path',
    },
  },
];

declare module '../../../core/parameters.js' {
  interface ParameterValues {
    'renewal.oldMachineToolYears': number;
    'renewal.simplifiedSkipStep': string;
    'renewal.simplifiedEquipmentSharePercent': number;
  }
}
