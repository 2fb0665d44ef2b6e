import { coordinates, date, decimal, dictionary, event, eventField, events, integer, label, metric, text, town, type ShippedKind } from './types.js';

/** 二(一)4–5 of the plan: residential elevators, municipal plants and stations, building energy retrofits. */

const investment = eventField('investment', '投资额', 'Investment', 'money', { min: 0 });
const plantName = text('name', '名称', 'Name', { required: true, unique: true, maxLength: 100 });
const address = text('address', '地址', 'Address', { maxLength: 200 });
const operator = text('operator', '运营单位', 'Operator', { maxLength: 100 });
const commissionedOn = date('commissionedOn', '投入运行日期', 'In operation since', { notInFuture: true });
// 新改建 / 新改扩建及提标改造: a plant or station counts once per build, rebuild, expansion or upgrade.
const BUILT = events('added', 'replaced', 'upgraded', 'retrofitted');

/** The four ways a plant or station is "built" in the plan's sense; the expansion records the capacity added. */
function plantEvents(capacityUnit: string, upgradeChanges: string[]) {
  return [
    event('build', '新建', 'Newly built', 'added', { fields: [investment] }),
    event('rebuild', '改建（拆除重建）', 'Rebuilt', 'replaced', { fields: [investment] }),
    event('expand', '扩建', 'Expanded', 'upgraded', {
      fields: [eventField('addedCapacity', '新增规模', 'Capacity added', 'decimal', { unit: capacityUnit, min: 0 }), investment],
      changes: ['capacity'],
    }),
    event('upgradeStandard', '提标改造', 'Upgraded to a higher standard', 'retrofitted', { fields: [investment], changes: upgradeChanges }),
  ];
}

export const elevators: ShippedKind = {
  code: 'elevators',
  keeper: '市市场监管局',
  coKeepers: ['市住建局'],
  definition: {
    name: label('住宅电梯', 'Residential elevators'),
    description: label(
      '住宅电梯台账：投入使用满 15 年的为老旧电梯，有序推进更新；既有住宅新加装的电梯以“新加装”事件登记。',
      'Residential elevators: those in use for 15 years or more are old and renewed in turn; an elevator newly installed in an existing residential building is registered with a “newly installed” event.',
    ),
    planRefs: ['A1-T4', 'A1-T4-01', 'A1-T4-M1', 'A1-T4-M2'],
    townAccess: 'edit',
    townField: 'town',
    titleField: 'registrationCode',
    fields: [
      text('registrationCode', '设备代码', 'Registration code', { required: true, unique: true, maxLength: 40, pattern: '[0-9A-Za-z-]{4,40}' }),
      text('community', '小区名称', 'Residential estate', { maxLength: 100 }),
      text('address', '安装地址', 'Address', { required: true, maxLength: 200 }),
      town(),
      dictionary('elevatorKind', '电梯类型', 'Elevator type', 'ledgers.elevatorKind', { required: true }),
      integer('stops', '层站数', 'Stops', { min: 2, max: 200 }),
      integer('ratedLoad', '额定载重量', 'Rated load', { unit: 'kg', min: 100, max: 10000 }),
      date('commissionedOn', '投入使用日期', 'In use since', { required: true, notInFuture: true }),
      text('user', '使用单位', 'Responsible user', { maxLength: 100 }),
      text('maintainer', '维护保养单位', 'Maintenance company', { maxLength: 100 }),
      date('lastInspectionOn', '最近定期检验日期', 'Last periodic inspection', { notInFuture: true }),
      coordinates('location', '位置', 'Location'),
    ],
    oldRule: { match: 'any', conditions: [{ op: 'ageAtLeast', field: 'commissionedOn', years: 15 }] },
    events: [
      event('install', '新加装（既有住宅）', 'Newly installed (existing building)', 'added', { fields: [investment] }),
      event('replace', '更新', 'Replaced', 'replaced', { fields: [investment] }),
      event('modernise', '改造', 'Modernised', 'upgraded', { fields: [investment], changes: ['elevatorKind', 'ratedLoad', 'maintainer'] }),
    ],
    metrics: [
      metric('added', '既有住宅新加装电梯数', 'Elevators newly installed in existing residential buildings', '台', events('added')),
      metric('old', '老旧住宅电梯数', 'Old residential elevators', '台', { kind: 'old' }),
      metric('renewed', '更新改造住宅电梯数', 'Residential elevators replaced or modernised', '台', events('replaced', 'upgraded')),
    ],
  },
};

export const waterPlants: ShippedKind = {
  code: 'waterPlants',
  keeper: '市水利局',
  coKeepers: ['水务集团'],
  definition: {
    name: label('供水厂', 'Water-supply plants'),
    description: label('城乡供水厂的新建、改建、扩建和提标改造。', 'Urban and rural water-supply plants built, rebuilt, expanded or upgraded.'),
    planRefs: ['A1-T5', 'A1-T5-01'],
    townAccess: 'read',
    townField: 'town',
    titleField: 'name',
    fields: [
      plantName,
      town(),
      address,
      dictionary('serviceArea', '供水范围', 'Supply area', 'ledgers.waterServiceArea'),
      decimal('capacity', '设计供水规模', 'Design capacity', { unit: '万吨/日', decimals: 2, min: 0 }),
      operator,
      commissionedOn,
    ],
    events: plantEvents('万吨/日', []),
    metrics: [metric('built', '新改建城乡供水厂数', 'Water-supply plants newly built or rebuilt', '座', BUILT)],
  },
};

export const sewagePlants: ShippedKind = {
  code: 'sewagePlants',
  keeper: '市住建局',
  coKeepers: ['水务集团'],
  definition: {
    name: label('污水处理厂', 'Sewage treatment plants'),
    description: label(
      '污水处理厂的新建、改建、扩建和提标改造。',
      'Sewage treatment plants built, rebuilt, expanded or upgraded to a higher discharge standard.',
    ),
    planRefs: ['A1-T5', 'A1-T5-02'],
    townAccess: 'read',
    townField: 'town',
    titleField: 'name',
    fields: [
      plantName,
      town(),
      address,
      decimal('capacity', '设计处理规模', 'Design capacity', { unit: '万吨/日', decimals: 2, min: 0 }),
      dictionary('dischargeStandard', '出水标准', 'Discharge standard', 'ledgers.sewageStandard'),
      operator,
      commissionedOn,
    ],
    events: plantEvents('万吨/日', ['dischargeStandard']),
    metrics: [metric('built', '新改扩建及提标改造污水处理厂数', 'Sewage plants newly built, rebuilt, expanded or upgraded', '座', BUILT)],
  },
};

export const transferStations: ShippedKind = {
  code: 'transferStations',
  keeper: '市城管局',
  definition: {
    name: label('生活垃圾转运站', 'Household-waste transfer stations'),
    description: label('生活垃圾转运站的新建、改建、扩建和提标改造。', 'Household-waste transfer stations built, rebuilt, expanded or upgraded.'),
    planRefs: ['A1-T5', 'A1-T5-03'],
    townAccess: 'edit',
    townField: 'town',
    titleField: 'name',
    fields: [
      plantName,
      town(),
      address,
      decimal('capacity', '设计转运规模', 'Design capacity', { unit: '吨/日', decimals: 1, min: 0 }),
      dictionary('process', '转运工艺', 'Transfer process', 'ledgers.transferProcess'),
      operator,
      commissionedOn,
    ],
    events: plantEvents('吨/日', ['process']),
    metrics: [metric('built', '新改扩建及提标改造生活垃圾转运站数', 'Transfer stations newly built, rebuilt, expanded or upgraded', '座', BUILT)],
  },
};

export const buildingRetrofits: ShippedKind = {
  code: 'buildingRetrofits',
  keeper: '市住建局',
  definition: {
    name: label('既有建筑能效提升', 'Energy-efficiency upgrades of existing buildings'),
    description: label(
      '既有建筑台账：每次能效提升改造以“能效提升改造”事件登记改造面积。',
      'Existing buildings: each energy-efficiency upgrade is recorded as an event with the floor area upgraded.',
    ),
    planRefs: ['A1-T5', 'A1-T5-04', 'A1-T5-M1'],
    townAccess: 'read',
    townField: 'town',
    titleField: 'name',
    fields: [
      text('name', '建筑名称', 'Building', { required: true, unique: true, maxLength: 100 }),
      text('address', '地址', 'Address', { required: true, maxLength: 200 }),
      town(),
      dictionary('use', '建筑类型', 'Building use', 'ledgers.buildingUse', { required: true }),
      decimal('floorArea', '建筑面积', 'Floor area', { unit: '㎡', decimals: 2, min: 0 }),
      date('builtOn', '竣工日期', 'Completed on', { notInFuture: true }),
      text('owner', '产权单位', 'Owner', { maxLength: 100 }),
    ],
    events: [
      event('retrofit', '能效提升改造', 'Energy-efficiency upgrade', 'retrofitted', {
        fields: [
          eventField('area', '改造面积', 'Area upgraded', 'decimal', { required: true, unit: '㎡', decimals: 2, min: 0 }),
          eventField('measures', '改造内容', 'Measures', 'text', { maxLength: 200 }),
          investment,
        ],
      }),
    ],
    metrics: [
      metric(
        'areaRetrofitted',
        '既有建筑能效提升面积',
        'Floor area of existing buildings upgraded',
        '万平方米',
        { kind: 'eventSum', event: 'retrofit', field: 'area' },
        { scale: 10000 },
      ),
    ],
  },
};
