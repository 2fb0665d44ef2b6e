import { date, decimal, dictionary, event, events, integer, label, metric, text, town, type ShippedKind } from './types.js';

/** 二(一)7–9 of the plan: buses, operating diesel trucks, fishing boats, farm machinery. */

// Chinese plates: the province character, the city letter, five or six letters and digits (six: new energy).
const PLATE = '[\\u4e00-\\u9fa5][A-Z][A-Z0-9]{5,6}';

export const buses: ShippedKind = {
  code: 'buses',
  keeper: '市交通运输局',
  definition: {
    name: label('公交车', 'Buses'),
    description: label(
      '城市公交车台账：运营满 8 年或柴油、汽油车辆为老旧车辆；纯电动、插电式混合动力、燃料电池为新能源。',
      'City buses: those in service for 8 years or more, or running on diesel or petrol, are old; battery electric, plug-in hybrid and fuel-cell buses are new energy.',
    ),
    planRefs: ['A1-T7', 'A1-T7-01', 'A1-T7-02'],
    titleField: 'plate',
    fields: [
      text('plate', '车牌号', 'Plate', { required: true, unique: true, maxLength: 10, pattern: PLATE }),
      dictionary('energyType', '能源类型', 'Energy type', 'ledgers.busEnergy', { required: true }),
      text('route', '运营线路', 'Route', { maxLength: 60 }),
      text('operator', '运营企业', 'Operator', { maxLength: 100 }),
      decimal('lengthM', '车长', 'Length', { unit: 'm', decimals: 1, min: 0, max: 20 }),
      integer('seats', '座位数', 'Seats', { min: 1, max: 200 }),
      date('commissionedOn', '投入运营日期', 'In service since', { required: true, notInFuture: true }),
    ],
    oldRule: {
      match: 'any',
      conditions: [
        { op: 'ageAtLeast', field: 'commissionedOn', years: 8 },
        { op: 'in', field: 'energyType', values: ['diesel', 'gasoline'] },
      ],
    },
    events: [event('add', '新增', 'Added', 'added'), event('replace', '更新', 'Replaced', 'replaced'), event('scrap', '报废', 'Scrapped', 'scrapped')],
    metrics: [
      metric('renewed', '更新公交车数', 'Buses replaced', '部', events('replaced')),
      metric('newEnergyShare', '公交车辆新能源化比例', 'Share of new-energy buses', '%', {
        kind: 'share',
        field: 'energyType',
        values: ['bev', 'phev', 'fcev'],
      }),
      metric('inService', '在用公交车数', 'Buses in service', '部', { kind: 'inService' }),
      metric('old', '老旧公交车数', 'Old buses', '部', { kind: 'old' }),
    ],
  },
};

export const dieselTrucks: ShippedKind = {
  code: 'dieselTrucks',
  keeper: '市交通运输局',
  definition: {
    name: label('营运柴油货车', 'Operating diesel trucks'),
    description: label(
      '柴油货车台账：国三及以下排放标准的为老旧车辆；淘汰数只计营运车辆。',
      'Diesel trucks: those of emission standard China III or below are old; only commercial (operating) trucks count as phased out.',
    ),
    planRefs: ['A1-T8', 'A1-T8-01'],
    titleField: 'plate',
    fields: [
      text('plate', '车牌号', 'Plate', { required: true, unique: true, maxLength: 10, pattern: PLATE }),
      dictionary('emissionStandard', '排放标准', 'Emission standard', 'ledgers.emissionStandard', { required: true }),
      dictionary('use', '使用性质', 'Use', 'ledgers.truckUse', { required: true }),
      dictionary('size', '车辆类型', 'Truck size', 'ledgers.truckSize'),
      text('owner', '所有人', 'Owner', { maxLength: 100 }),
      date('registeredOn', '注册登记日期', 'Registered on', { notInFuture: true }),
    ],
    oldRule: { match: 'all', conditions: [{ op: 'in', field: 'emissionStandard', values: ['guo1', 'guo2', 'guo3'] }] },
    events: [event('scrap', '淘汰（报废）', 'Phased out (scrapped)', 'scrapped'), event('replace', '更新', 'Replaced', 'replaced')],
    metrics: [
      metric(
        'oldScrapped',
        '淘汰国三及以下老旧营运柴油货车数',
        'Old operating diesel trucks (China III or below) phased out',
        '部',
        { kind: 'events', effects: ['scrapped', 'replaced'], oldOnly: true },
        { where: [{ op: 'eq', field: 'use', value: 'operating' }] },
      ),
      metric(
        'old',
        '国三及以下营运柴油货车数',
        'Operating diesel trucks of China III or below',
        '部',
        { kind: 'old' },
        { where: [{ op: 'eq', field: 'use', value: 'operating' }] },
      ),
    ],
  },
};

export const fishingBoats: ShippedKind = {
  code: 'fishingBoats',
  keeper: '市农业农村局',
  definition: {
    name: label('渔船', 'Fishing boats'),
    description: label(
      '渔船台账：木质渔船为老旧渔船，鼓励升级为新材料渔船、资源友好型渔船。',
      'Fishing boats: wooden boats are old and are encouraged to upgrade to new materials.',
    ),
    planRefs: ['A1-T8', 'A1-T8-M2'],
    townAccess: 'read',
    townField: 'town',
    titleField: 'registrationNo',
    fields: [
      text('registrationNo', '渔船登记号', 'Registration number', { required: true, unique: true, maxLength: 40 }),
      text('boatName', '船名', 'Boat name', { maxLength: 60 }),
      town(),
      dictionary('hullMaterial', '船体材质', 'Hull material', 'ledgers.hullMaterial', { required: true }),
      decimal('powerKw', '主机功率', 'Engine power', { unit: 'kW', decimals: 1, min: 0 }),
      decimal('lengthM', '船长', 'Length', { unit: 'm', decimals: 2, min: 0 }),
      text('homePort', '船籍港', 'Home port', { maxLength: 60 }),
      text('owner', '船舶所有人', 'Owner', { maxLength: 100 }),
      date('builtOn', '建成日期', 'Built on', { notInFuture: true }),
    ],
    oldRule: { match: 'any', conditions: [{ op: 'in', field: 'hullMaterial', values: ['wood'] }] },
    events: [
      event('upgrade', '升级改造', 'Upgraded', 'upgraded', { changes: ['hullMaterial', 'powerKw'] }),
      event('replace', '更新（新造替换）', 'Replaced by a new boat', 'replaced'),
      event('scrap', '报废拆解', 'Scrapped', 'scrapped'),
    ],
    metrics: [
      metric('upgraded', '升级更新渔船数', 'Fishing boats upgraded or replaced', '艘', events('upgraded', 'replaced')),
      metric('old', '木质渔船数', 'Wooden fishing boats', '艘', { kind: 'old' }),
    ],
  },
};

export const farmMachinery: ShippedKind = {
  code: 'farmMachinery',
  keeper: '市农业农村局',
  definition: {
    name: label('农业机械', 'Farm machinery'),
    description: label(
      '农业机械台账：购置满 12 年的为老旧农机，落实报废更新补贴。',
      'Farm machinery: machines bought 12 years ago or more are old; scrapping-and-renewal subsidies apply.',
    ),
    planRefs: ['A1-T9', 'A1-T9-M1', 'A1-T9-M2'],
    townAccess: 'edit',
    townField: 'town',
    titleField: 'code',
    fields: [
      text('code', '牌证号或出厂编号', 'Plate or serial number', { required: true, unique: true, maxLength: 40 }),
      dictionary('machineType', '机具类型', 'Machine type', 'ledgers.farmMachineType', { required: true }),
      text('model', '型号', 'Model', { maxLength: 60 }),
      dictionary('emissionStage', '排放阶段', 'Emission stage', 'ledgers.nonRoadEmission'),
      decimal('powerKw', '功率', 'Power', { unit: 'kW', decimals: 1, min: 0 }),
      text('owner', '所有人', 'Owner', { maxLength: 100 }),
      town(),
      date('purchasedOn', '购置日期', 'Bought on', { required: true, notInFuture: true }),
    ],
    oldRule: { match: 'any', conditions: [{ op: 'ageAtLeast', field: 'purchasedOn', years: 12 }] },
    events: [event('replace', '报废更新', 'Scrapped and replaced', 'replaced'), event('scrap', '报废', 'Scrapped', 'scrapped')],
    metrics: [
      metric('renewed', '老旧农业机械更新数', 'Old farm machines renewed', '台', events('replaced')),
      metric('old', '老旧农业机械数', 'Old farm machines', '台', { kind: 'old' }),
    ],
  },
};
