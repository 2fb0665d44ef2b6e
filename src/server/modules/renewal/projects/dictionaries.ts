import type { DictionaryDefinition } from '../../../core/extensions.js';

type Item = DictionaryDefinition['items'][number];
const group = (code: string, zh: string, en: string): Item => ({ code, label: { 'zh-CN': zh, en } });
const item = (parent: string, code: string, zh: string, en: string): Item => ({ code, label: { 'zh-CN': zh, en }, parent });

/**
 * Code lists of the projects records, kept by officials at /admin/dictionaries (module contract `dictionaries`):
 * the industries a project belongs to, and the advanced equipment the plan's 二(五)1 names by industry (each item's
 * parent is its industry's group, whose code is the `industry` code). Projects store the codes.
 */
export const projectsDictionaries: readonly DictionaryDefinition[] = [
  {
    code: 'industry',
    name: { 'zh-CN': '重点行业', en: 'Industries' },
    description: {
      'zh-CN': '晋江重点产业，用于技术改造、设备更新和标准提升的登记与统计',
      en: 'Jinjiang’s main industries, for recording and counting technical upgrades, renewals and standards',
    },
    items: [
      { code: 'textile_apparel', label: { 'zh-CN': '纺织服装', en: 'Textiles and apparel' } },
      { code: 'footwear', label: { 'zh-CN': '制鞋', en: 'Footwear' } },
      { code: 'building_ceramics', label: { 'zh-CN': '建材陶瓷', en: 'Building materials and ceramics' } },
      { code: 'food', label: { 'zh-CN': '食品', en: 'Food' } },
      { code: 'paper_products', label: { 'zh-CN': '纸制品', en: 'Paper products' } },
      { code: 'chemical_fibre', label: { 'zh-CN': '化纤', en: 'Chemical fibres' } },
      { code: 'equipment_manufacturing', label: { 'zh-CN': '装备制造', en: 'Equipment manufacturing' } },
      { code: 'electronics_it', label: { 'zh-CN': '电子信息', en: 'Electronics and IT' } },
      { code: 'umbrella', label: { 'zh-CN': '伞具', en: 'Umbrellas' } },
      {
        code: 'public_services',
        label: { 'zh-CN': '公共服务（医疗、教育、公用事业、交通）', en: 'Public services (health, education, utilities, transport)' },
      },
      { code: 'other', label: { 'zh-CN': '其他', en: 'Other' } },
    ],
  },
  {
    code: 'renewal_advanced_equipment',
    name: { 'zh-CN': '先进设备目录', en: 'Advanced equipment list' },
    description: {
      'zh-CN': '方案二(五)1 重点引导应用的先进设备，按行业分组；新购设备从中选择',
      en: 'The advanced equipment the plan’s 二(五)1 promotes, grouped by industry; new equipment is chosen from it',
    },
    items: [
      group('textile_apparel', '纺织行业', 'Textiles'),
      item('textile_apparel', 'textile_shuttleless_loom', '高速数控无梭织机', 'High-speed CNC shuttleless loom'),
      item('textile_apparel', 'textile_auto_drawing_in', '自动穿经机', 'Automatic drawing-in machine'),
      item('textile_apparel', 'textile_auto_inspection', '自动验布机', 'Automatic fabric inspection machine'),
      item('textile_apparel', 'textile_full_fashion_flat', '全成形电脑横机', 'Whole-garment computerised flat knitting machine'),
      item('textile_apparel', 'textile_full_fashion_circular', '全成形圆纬机', 'Whole-garment circular knitting machine'),
      item('textile_apparel', 'textile_warp_knitting', '高速经编机', 'High-speed warp knitting machine'),
      group('footwear', '鞋服行业', 'Footwear and apparel'),
      item('footwear', 'footwear_auto_cutting', '全自动裁床', 'Automatic cutting table'),
      item('footwear', 'footwear_auto_sewing', '自动缝纫设备', 'Automatic sewing equipment'),
      item('footwear', 'footwear_glue_dispensing', '高速点胶设备', 'High-speed glue dispensing equipment'),
      item('footwear', 'footwear_smart_warehouse', '智能仓储设备', 'Smart warehousing equipment'),
      group('building_ceramics', '建材行业', 'Building materials'),
      item('building_ceramics', 'building_large_press', '大吨位压砖机', 'Large-tonnage brick press'),
      item('building_ceramics', 'building_wet_extrusion', '湿法挤压成型机', 'Wet extrusion moulding machine'),
      item('building_ceramics', 'building_digital_inkjet', '数码喷墨机', 'Digital inkjet printer'),
      item('building_ceramics', 'building_cnc_edging', '数控智能磨边机', 'CNC smart edging machine'),
      group('general', '通用智能装备', 'General smart equipment'),
      item('general', 'general_cnc_system', '重大（成套）设备及数控系统', 'Major (complete) equipment and CNC systems'),
      item('general', 'general_smart_sensor', '智能传感器', 'Smart sensors'),
      item('general', 'general_maglev_motor', '磁浮电机', 'Magnetic levitation motors'),
      item('general', 'general_industrial_robot', '工业机器人', 'Industrial robots'),
      item('general', 'general_energy_saving', '绿色节能设备', 'Green energy-saving equipment'),
      item('general', 'general_other', '其他先进设备', 'Other advanced equipment'),
    ],
  },
];
