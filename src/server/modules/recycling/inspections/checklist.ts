import type { LocalisedText } from '../../../../shared/i18n/messages.js';

/**
 * The inspection checklist as data. Each inspection stores the version it was answered against, so a later
 * edition (items added, reworded or dropped) never changes what an old inspection says. A new edition is a new
 * entry here with the next version number; the newest is what new inspections answer.
 */
export interface ChecklistItem {
  code: string;
  label: LocalisedText;
  /** What the inspector looks for, shown under the label. */
  hint: LocalisedText;
}

export interface ChecklistDefinition {
  version: number;
  /** Since when this edition is used (a Shanghai date). */
  since: string;
  items: readonly ChecklistItem[];
}

export const CHECKLIST_ANSWERS = ['ok', 'not_ok', 'n_a'] as const;
export type ChecklistAnswer = (typeof CHECKLIST_ANSWERS)[number];

export const INSPECTION_CHECKLISTS: readonly ChecklistDefinition[] = [
  {
    version: 1,
    since: '2026-12-01',
    items: [
      {
        code: 'licence_displayed',
        label: { 'zh-CN': '营业执照及备案证明公示', en: 'Business licence and registration displayed' },
        hint: { 'zh-CN': '执照、商务部门备案回执在醒目位置公示', en: 'Licence and the commerce bureau registration receipt visibly on display' },
      },
      {
        code: 'fire_extinguishers',
        label: { 'zh-CN': '灭火器材配备有效', en: 'Fire extinguishers in place and in date' },
        hint: { 'zh-CN': '数量足够、在检验有效期内、取用通道畅通', en: 'Enough of them, inspected and in date, reachable' },
      },
      {
        code: 'no_open_burning',
        label: { 'zh-CN': '无露天焚烧', en: 'No open burning' },
        hint: { 'zh-CN': '场内及周边无焚烧废弃物痕迹', en: 'No traces of burnt waste on or around the site' },
      },
      {
        code: 'segregated_storage',
        label: { 'zh-CN': '分类分区存放', en: 'Segregated storage' },
        hint: { 'zh-CN': '不同品类分区堆放，危险废物单独存放', en: 'Materials kept apart by kind; hazardous waste stored separately' },
      },
      {
        code: 'ledger_kept',
        label: { 'zh-CN': '回收台账完整', en: 'Intake ledger kept' },
        hint: { 'zh-CN': '收购登记（来源、品类、数量、价格）逐笔记录', en: 'Every purchase recorded: source, material, quantity, price' },
      },
      {
        code: 'no_prohibited_items',
        label: { 'zh-CN': '未收购禁收物品', en: 'No prohibited items bought' },
        hint: {
          'zh-CN': '无来源不明的公用设施器材、无证件的报废机动车等',
          en: 'No public-utility equipment of unknown origin, no undocumented scrapped vehicles',
        },
      },
      {
        code: 'site_tidy',
        label: { 'zh-CN': '场地整洁、无占道', en: 'Site tidy, nothing on the road' },
        hint: { 'zh-CN': '不超出经营场地堆放，无占道经营、无扬尘污水外溢', en: 'Nothing stacked beyond the site or on the road, no dust or run-off' },
      },
      {
        code: 'safety_signs',
        label: { 'zh-CN': '安全警示标识', en: 'Safety signs posted' },
        hint: { 'zh-CN': '禁止烟火、疏散通道等标识齐全', en: 'No-smoking, escape route and similar signs in place' },
      },
    ],
  },
];

export function checklistVersion(version: number): ChecklistDefinition | undefined {
  return INSPECTION_CHECKLISTS.find((c) => c.version === version);
}

/** The edition new inspections answer. */
export function currentChecklist(): ChecklistDefinition {
  return INSPECTION_CHECKLISTS.reduce((a, b) => (b.version > a.version ? b : a));
}
