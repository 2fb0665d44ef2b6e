import type { DictionaryDefinition } from '../../../core/extensions.js';

/**
 * The code lists the platform declares until the modules that will store their codes exist (recycling for the
 * material kinds, the ledgers for equipment types); such a module then declares the list itself and the
 * platform's entry goes, as the industries went to renewal (the seed hands a list to its new owner). The labels follow the plan's wording (晋政文〔2024〕98号).
 */
export const platformDictionaries: readonly DictionaryDefinition[] = [
  {
    code: 'material_kind',
    name: { 'zh-CN': '再生资源品类', en: 'Recyclable material kinds' },
    description: {
      'zh-CN': '回收网点、分拣中心和加工利用台账登记的废旧物资品类',
      en: 'Kinds of recyclable material the collection points, sorting centres and processing ledgers record',
    },
    items: [
      { code: 'ferrous', label: { 'zh-CN': '废钢铁', en: 'Scrap iron and steel' } },
      { code: 'nonferrous', label: { 'zh-CN': '废有色金属', en: 'Scrap non-ferrous metals' } },
      { code: 'plastic', label: { 'zh-CN': '废塑料', en: 'Waste plastics' } },
      { code: 'paper', label: { 'zh-CN': '废纸', en: 'Waste paper' } },
      { code: 'textile', label: { 'zh-CN': '废旧纺织品', en: 'Waste textiles' } },
      { code: 'glass', label: { 'zh-CN': '废玻璃', en: 'Waste glass' } },
      { code: 'appliance', label: { 'zh-CN': '废旧家电', en: 'Waste household appliances' } },
      { code: 'electronics', label: { 'zh-CN': '废旧电子产品', en: 'Waste electronics' } },
      { code: 'end_of_life_vehicle', label: { 'zh-CN': '报废机动车', en: 'End-of-life vehicles' } },
      { code: 'battery', label: { 'zh-CN': '废旧电池', en: 'Waste batteries' } },
      { code: 'tyre', label: { 'zh-CN': '废旧轮胎', en: 'Waste tyres' } },
      { code: 'industrial_offcut', label: { 'zh-CN': '工业边角料', en: 'Industrial offcuts' } },
      { code: 'industrial_sludge', label: { 'zh-CN': '工业污泥', en: 'Industrial sludge' } },
      { code: 'other', label: { 'zh-CN': '其他', en: 'Other' } },
    ],
  },
  {
    code: 'equipment_type',
    name: { 'zh-CN': '更新设备类型', en: 'Equipment types for renewal' },
    description: {
      'zh-CN': '设备更新行动中各领域的设备类型（工业、农业、建筑、交通、教育、文旅、医疗及城市基础设施）',
      en: 'The kinds of equipment the renewal action covers (industry, farming, construction, transport, education, tourism, health, urban infrastructure)',
    },
    items: [
      { code: 'industrial', label: { 'zh-CN': '工业设备', en: 'Industrial equipment' } },
      { code: 'machine_tool', label: { 'zh-CN': '老旧机床', en: 'Old machine tools' }, parent: 'industrial' },
      { code: 'energy_using', label: { 'zh-CN': '用能设备', en: 'Energy-using equipment' }, parent: 'industrial' },
      { code: 'power_distribution', label: { 'zh-CN': '配电装备', en: 'Power distribution equipment' }, parent: 'industrial' },
      { code: 'agricultural', label: { 'zh-CN': '农业机械', en: 'Agricultural machinery' } },
      { code: 'construction', label: { 'zh-CN': '建筑施工设备', en: 'Construction equipment' } },
      { code: 'transport', label: { 'zh-CN': '交通运输设备', en: 'Transport equipment' } },
      { code: 'education', label: { 'zh-CN': '教育设备', en: 'Education equipment' } },
      { code: 'medical', label: { 'zh-CN': '医疗设备', en: 'Medical equipment' } },
      { code: 'culture_tourism', label: { 'zh-CN': '文旅设备', en: 'Culture and tourism equipment' } },
      { code: 'elevator', label: { 'zh-CN': '电梯', en: 'Elevators' } },
      { code: 'utility_network', label: { 'zh-CN': '供水/供热/燃气管网设备', en: 'Water, heating and gas network equipment' } },
      { code: 'municipal', label: { 'zh-CN': '市政基础设施设备', en: 'Municipal infrastructure equipment' } },
      { code: 'security_monitoring', label: { 'zh-CN': '安防监控设备', en: 'Security and monitoring equipment' } },
      { code: 'other', label: { 'zh-CN': '其他', en: 'Other' } },
    ],
  },
];
