import { date, dictionary, event, events, integer, label, metric, money, text, town, type ShippedKind } from './types.js';

/** 二(一)10–12 of the plan: school, culture-and-tourism and medical equipment. */

// Money is kept in fen; the plan reads 万元 (1 万元 = 1,000,000 fen).
const TEN_THOUSAND_YUAN = 1_000_000;
const investment = money('investment', '投资额（购置金额）', 'Investment (purchase price)', { min: 0 });

export const medicalImaging: ShippedKind = {
  code: 'medicalImaging',
  keeper: '市卫健局',
  definition: {
    name: label('医疗影像设备', 'Medical imaging equipment'),
    description: label(
      '医疗机构磁共振、CT、彩超等影像设备：购置满 10 年的为老旧设备；新购设备的购置金额计入医疗装备投资。',
      'MRI, CT, ultrasound and other imaging equipment of medical institutions: equipment bought 10 years ago or more is old; the price of new equipment counts as investment.',
    ),
    planRefs: ['A1-T12', 'A1-T12-01'],
    titleField: 'code',
    fields: [
      text('code', '设备编号', 'Asset number', { required: true, unique: true, maxLength: 40 }),
      text('hospital', '医疗机构', 'Medical institution', { required: true, maxLength: 100 }),
      dictionary('modality', '设备类型', 'Modality', 'ledgers.imagingModality', { required: true }),
      text('model', '品牌型号', 'Make and model', { maxLength: 100 }),
      date('purchasedOn', '购置日期', 'Bought on', { required: true, notInFuture: true }),
      investment,
    ],
    oldRule: { match: 'any', conditions: [{ op: 'ageAtLeast', field: 'purchasedOn', years: 10 }] },
    events: [event('add', '新购置', 'Newly bought', 'added'), event('replace', '更新', 'Replaced', 'replaced'), event('scrap', '报废', 'Scrapped', 'scrapped')],
    metrics: [
      metric(
        'investment',
        '医疗影像设备投资额',
        'Investment in medical imaging equipment',
        '万元',
        { kind: 'addedSum', field: 'investment' },
        { scale: TEN_THOUSAND_YUAN },
      ),
      metric('renewed', '更新医疗影像设备数', 'Imaging equipment replaced', '台', events('replaced')),
      metric('old', '老旧医疗影像设备数', 'Old imaging equipment', '台', { kind: 'old' }),
    ],
  },
};

export const tourismEquipment: ShippedKind = {
  code: 'tourismEquipment',
  keeper: '市文旅局',
  coKeepers: ['市商务局'],
  definition: {
    name: label('文旅设施设备', 'Culture and tourism equipment'),
    description: label(
      '景区旅游观光车、导视牌、智慧管理系统、可穿戴体验设备、酒店设施设备等；新增设备的金额计入文化旅游设备更新投资。',
      'Sightseeing vehicles, signage, smart management systems, wearable experience devices, hotel equipment and the like; the price of new equipment counts as renewal investment.',
    ),
    planRefs: ['A1-T11', 'A1-T11-01', 'A1-T11-M2'],
    townAccess: 'read',
    townField: 'town',
    titleField: 'code',
    fields: [
      text('code', '设备编号', 'Asset number', { required: true, unique: true, maxLength: 40 }),
      text('name', '设备名称', 'Equipment', { required: true, maxLength: 100 }),
      text('site', '景区（场馆、酒店）', 'Site (scenic area, venue, hotel)', { required: true, maxLength: 100 }),
      town(),
      dictionary('category', '设备类型', 'Kind', 'ledgers.tourismEquipmentKind', { required: true }),
      date('purchasedOn', '购置日期', 'Bought on', { notInFuture: true }),
      investment,
    ],
    events: [event('add', '新增', 'Added', 'added'), event('upgrade', '升级改造', 'Upgraded', 'upgraded'), event('replace', '更新', 'Replaced', 'replaced')],
    metrics: [
      metric(
        'investment',
        '文化旅游设备更新投资',
        'Investment in culture and tourism equipment',
        '万元',
        { kind: 'addedSum', field: 'investment' },
        { scale: TEN_THOUSAND_YUAN },
      ),
      metric('renewed', '更新改造文旅设备数', 'Culture and tourism equipment replaced or upgraded', '台（套）', events('replaced', 'upgraded')),
    ],
  },
};

export const schoolEquipment: ShippedKind = {
  code: 'schoolEquipment',
  keeper: '市教育局',
  coKeepers: ['高教发展中心', '市人社局'],
  definition: {
    name: label('学校教学设备', 'School teaching equipment'),
    description: label(
      '各级学校教学装备、课桌椅、办公后勤设备及教育城域网、智慧校园设备：购置满 8 年的为老旧设备。',
      'Teaching equipment, desks, office and support equipment, education network and smart campus equipment of schools: equipment bought 8 years ago or more is old.',
    ),
    planRefs: ['A1-T10', 'A1-T10-M2', 'A1-T10-M3'],
    townAccess: 'read',
    townField: 'town',
    titleField: 'code',
    fields: [
      text('code', '设备编号', 'Asset number', { required: true, unique: true, maxLength: 40 }),
      text('name', '设备名称', 'Equipment', { required: true, maxLength: 100 }),
      text('school', '学校', 'School', { required: true, maxLength: 100 }),
      town(),
      dictionary('category', '设备类型', 'Kind', 'ledgers.schoolEquipmentKind', { required: true }),
      integer('quantity', '数量', 'Quantity', { min: 1 }),
      date('purchasedOn', '购置日期', 'Bought on', { required: true, notInFuture: true }),
      investment,
    ],
    oldRule: { match: 'any', conditions: [{ op: 'ageAtLeast', field: 'purchasedOn', years: 8 }] },
    events: [event('add', '新增', 'Added', 'added'), event('replace', '更新', 'Replaced', 'replaced'), event('scrap', '报废', 'Scrapped', 'scrapped')],
    metrics: [
      metric('renewed', '更新学校教学设备数', 'School equipment replaced', '台（套）', events('replaced')),
      metric('old', '老旧学校教学设备数', 'Old school equipment', '台（套）', { kind: 'old' }),
    ],
  },
};
