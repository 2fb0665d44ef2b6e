import type { DictionaryDefinition } from '../../../core/extensions.js';

type Item = DictionaryDefinition['items'][number];
const item = (code: string, zh: string, en: string): Item => ({ code, label: { 'zh-CN': zh, en } });
const list = (code: string, zh: string, en: string, items: Item[], description?: [string, string]): DictionaryDefinition => ({
  code,
  name: { 'zh-CN': zh, en },
  ...(description ? { description: { 'zh-CN': description[0], en: description[1] } } : {}),
  items,
});

/**
 * The code lists the shipped ledger kinds' fields take their codes from (`ledgers.<name>`), kept by officials at
 * /admin/dictionaries like any other; the old rules and metrics of the shipped kinds name some codes (国三, 纯电动…),
 * so those codes are disabled, never removed, once assets use them.
 */
export const kindsDictionaries: DictionaryDefinition[] = [
  list('ledgers.elevatorKind', '电梯类型', 'Elevator types', [
    item('traction', '曳引驱动乘客电梯（有机房）', 'Traction passenger elevator (machine room)'),
    item('traction_mrl', '曳引驱动乘客电梯（无机房）', 'Traction passenger elevator (machine-room-less)'),
    item('hydraulic', '液压乘客电梯', 'Hydraulic passenger elevator'),
    item('forced_drive', '强制驱动电梯', 'Positive-drive elevator'),
    item('other', '其他', 'Other'),
  ]),
  list('ledgers.waterServiceArea', '供水范围', 'Water supply areas', [
    item('urban', '城市供水', 'Urban'),
    item('rural', '农村供水', 'Rural'),
    item('urban_rural', '城乡一体化供水', 'Integrated urban and rural'),
  ]),
  list('ledgers.sewageStandard', '污水排放标准', 'Sewage discharge standards', [
    item('class_1a', '一级A（GB 18918）', 'Class 1A (GB 18918)'),
    item('class_1b', '一级B（GB 18918）', 'Class 1B (GB 18918)'),
    item('class_2', '二级（GB 18918）', 'Class 2 (GB 18918)'),
    item('quasi_iv', '地表水准Ⅳ类', 'Near surface-water class IV'),
    item('other', '其他', 'Other'),
  ]),
  list('ledgers.transferProcess', '垃圾转运工艺', 'Waste transfer processes', [
    item('horizontal', '水平压缩', 'Horizontal compaction'),
    item('vertical', '垂直压缩', 'Vertical compaction'),
    item('direct', '直接转运', 'Direct transfer'),
    item('other', '其他', 'Other'),
  ]),
  list('ledgers.buildingUse', '建筑类型', 'Building uses', [
    item('public', '公共建筑', 'Public building'),
    item('residential', '居住建筑', 'Residential building'),
    item('industrial', '工业建筑', 'Industrial building'),
    item('other', '其他', 'Other'),
  ]),
  list('ledgers.pipeMaterial', '管道材质', 'Pipe materials', [
    item('cast_iron', '灰口铸铁', 'Grey cast iron'),
    item('ductile_iron', '球墨铸铁', 'Ductile iron'),
    item('steel', '钢质', 'Steel'),
    item('pe', '聚乙烯（PE）', 'Polyethylene (PE)'),
    item('other', '其他', 'Other'),
  ]),
  list('ledgers.gasPressure', '燃气管道压力级制', 'Gas pipeline pressure classes', [
    item('low', '低压', 'Low pressure'),
    item('medium_b', '中压B', 'Medium pressure B'),
    item('medium_a', '中压A', 'Medium pressure A'),
    item('sub_high', '次高压', 'Sub-high pressure'),
    item('high', '高压', 'High pressure'),
  ]),
  list('ledgers.yesNo', '是否', 'Yes or no', [item('yes', '是', 'Yes'), item('no', '否', 'No')]),
  list(
    'ledgers.cameraResolution',
    '视频监控清晰度',
    'Camera resolutions',
    [
      item('sd', '标清（D1及以下）', 'Standard definition (D1 or lower)'),
      item('hd720', '高清 720P', 'HD 720p'),
      item('fhd1080', '高清 1080P', 'Full HD 1080p'),
      item('qhd', '400万像素（2K）', '4 MP (2K)'),
      item('uhd4k', '800万像素（4K）', '8 MP (4K)'),
    ],
    ['标清摄像机按“老旧”计', 'Standard-definition cameras count as old'],
  ),
  list('ledgers.cameraType', '摄像机类型', 'Camera types', [
    item('bullet', '枪机', 'Bullet camera'),
    item('dome', '球机', 'PTZ dome camera'),
    item('mini_dome', '半球', 'Mini dome camera'),
    item('panoramic', '全景/鹰眼', 'Panoramic camera'),
    item('checkpoint', '卡口/电子警察', 'Checkpoint / traffic enforcement camera'),
    item('other', '其他', 'Other'),
  ]),
  list(
    'ledgers.busEnergy',
    '公交车能源类型',
    'Bus energy types',
    [
      item('diesel', '柴油', 'Diesel'),
      item('gasoline', '汽油', 'Petrol'),
      item('cng', '压缩天然气（CNG）', 'Compressed natural gas (CNG)'),
      item('lng', '液化天然气（LNG）', 'Liquefied natural gas (LNG)'),
      item('hybrid', '油电混合动力', 'Hybrid'),
      item('bev', '纯电动', 'Battery electric'),
      item('phev', '插电式混合动力', 'Plug-in hybrid'),
      item('fcev', '燃料电池', 'Fuel cell'),
    ],
    ['纯电动、插电式混合动力、燃料电池为新能源', 'Battery electric, plug-in hybrid and fuel cell are new energy'],
  ),
  list('ledgers.emissionStandard', '机动车排放标准', 'Vehicle emission standards', [
    item('guo1', '国一', 'China I'),
    item('guo2', '国二', 'China II'),
    item('guo3', '国三', 'China III'),
    item('guo4', '国四', 'China IV'),
    item('guo5', '国五', 'China V'),
    item('guo6', '国六', 'China VI'),
  ]),
  list('ledgers.truckUse', '货车使用性质', 'Truck use', [
    item('operating', '营运', 'Commercial (operating)'),
    item('non_operating', '非营运', 'Non-commercial'),
  ]),
  list('ledgers.truckSize', '货车类型', 'Truck sizes', [
    item('heavy', '重型', 'Heavy'),
    item('medium', '中型', 'Medium'),
    item('light', '轻型', 'Light'),
    item('mini', '微型', 'Mini'),
  ]),
  list('ledgers.hullMaterial', '船体材质', 'Hull materials', [
    item('wood', '木质', 'Wood'),
    item('steel', '钢质', 'Steel'),
    item('frp', '玻璃钢', 'Fibreglass (FRP)'),
    item('aluminium', '铝合金', 'Aluminium alloy'),
    item('other', '其他', 'Other'),
  ]),
  list('ledgers.farmMachineType', '农业机械类型', 'Farm machinery types', [
    item('tractor', '拖拉机', 'Tractor'),
    item('harvester', '收获机械', 'Harvester'),
    item('transplanter', '种植施肥机械（插秧机等）', 'Planting and fertilising machinery (transplanters…)'),
    item('plant_protection', '植保机械（含植保无人机）', 'Plant protection machinery (incl. drones)'),
    item('tillage', '耕整地机械', 'Tillage machinery'),
    item('drying', '农产品初加工机械（烘干机等）', 'Primary processing machinery (dryers…)'),
    item('fishery', '渔业机械', 'Fishery machinery'),
    item('other', '其他', 'Other'),
  ]),
  list('ledgers.nonRoadEmission', '非道路移动机械排放阶段', 'Non-road machinery emission stages', [
    item('stage1', '国一', 'China I'),
    item('stage2', '国二', 'China II'),
    item('stage3', '国三', 'China III'),
    item('stage4', '国四', 'China IV'),
  ]),
  list('ledgers.imagingModality', '医疗影像设备类型', 'Medical imaging modalities', [
    item('mri', '磁共振成像系统（MRI）', 'Magnetic resonance imaging (MRI)'),
    item('ct', 'CT', 'Computed tomography (CT)'),
    item('ultrasound', '彩色超声', 'Colour Doppler ultrasound'),
    item('dr', '数字化X线摄影（DR）', 'Digital radiography (DR)'),
    item('dsa', '数字减影血管造影（DSA）', 'Digital subtraction angiography (DSA)'),
    item('mammography', '乳腺X线机', 'Mammography'),
    item('pet_ct', 'PET-CT', 'PET-CT'),
    item('other', '其他', 'Other'),
  ]),
  list('ledgers.tourismEquipmentKind', '文旅设施设备类型', 'Culture and tourism equipment kinds', [
    item('sightseeing_vehicle', '旅游观光车', 'Sightseeing vehicle'),
    item('signage', '导视牌', 'Signage'),
    item('smart_management', '景区智慧管理系统', 'Smart scenic-area management system'),
    item('wearable', '可穿戴智能文旅体验设备', 'Wearable smart experience device'),
    item('hotel', '酒店设施设备', 'Hotel facilities and equipment'),
    item('performance', '演艺设备', 'Performance equipment'),
    item('other', '其他', 'Other'),
  ]),
  list('ledgers.schoolEquipmentKind', '学校设备类型', 'School equipment kinds', [
    item('teaching', '学科教学装备', 'Subject teaching equipment'),
    item('laboratory', '实验室设备', 'Laboratory equipment'),
    item('desks', '课桌椅', 'Desks and chairs'),
    item('office_logistics', '办公室及后勤设备', 'Office and support equipment'),
    item('network', '教育城域网设备', 'Education network equipment'),
    item('smart_campus', '智慧校园设备', 'Smart campus equipment'),
    item('other', '其他', 'Other'),
  ]),
];
