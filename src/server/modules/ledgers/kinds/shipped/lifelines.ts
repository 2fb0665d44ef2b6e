import { coordinates, date, decimal, dictionary, event, eventField, events, integer, label, metric, text, town, type ShippedKind } from './types.js';

/** 二(一)6 of the plan: lifeline safety — gas pipelines and their monitoring points, video surveillance. */

export const gasPipelines: ShippedKind = {
  code: 'gasPipelines',
  keeper: '市城管局',
  definition: {
    name: label('燃气管道', 'Gas pipelines'),
    description: label(
      '燃气管道管段台账：敷设满 20 年或灰口铸铁材质的为老化管道；高后果区智能监测点位以“增设监测点位”事件登记。',
      'Gas pipeline segments: those laid 20 years ago or more, or of grey cast iron, are ageing; smart monitoring points added in high-consequence areas are recorded as events.',
    ),
    planRefs: ['A1-T6', 'A1-T6-M1', 'A1-T6-M2'],
    townAccess: 'read',
    townField: 'town',
    titleField: 'code',
    fields: [
      text('code', '管段编号', 'Segment code', { required: true, unique: true, maxLength: 40 }),
      text('location', '所在道路（区段）', 'Road or section', { maxLength: 200 }),
      town(),
      decimal('lengthKm', '长度', 'Length', { required: true, unit: 'km', decimals: 3, min: 0 }),
      dictionary('material', '管材', 'Material', 'ledgers.pipeMaterial', { required: true }),
      dictionary('pressure', '压力级制', 'Pressure class', 'ledgers.gasPressure'),
      date('laidOn', '敷设日期', 'Laid on', { notInFuture: true }),
      dictionary('highConsequence', '是否位于高后果区', 'In a high-consequence area', 'ledgers.yesNo'),
      integer('monitoringPoints', '智能监测点位数', 'Smart monitoring points', { min: 0 }),
      text('operator', '运营单位', 'Operator', { maxLength: 100 }),
    ],
    oldRule: {
      match: 'any',
      conditions: [
        { op: 'ageAtLeast', field: 'laidOn', years: 20 },
        { op: 'in', field: 'material', values: ['cast_iron'] },
      ],
    },
    events: [
      event('renew', '更新改造（换管）', 'Renewed (pipe replaced)', 'replaced'),
      event('retrofit', '修复改造', 'Rehabilitated', 'retrofitted', {
        fields: [eventField('lengthKm', '改造长度', 'Length rehabilitated', 'decimal', { required: true, unit: 'km', decimals: 3, min: 0 })],
      }),
      event('addMonitoring', '增设监测点位', 'Monitoring points added', 'upgraded', {
        fields: [eventField('points', '新增点位数', 'Points added', 'integer', { required: true, min: 1 })],
        changes: ['monitoringPoints', 'highConsequence'],
      }),
    ],
    metrics: [
      metric('kmInService', '在用燃气管道长度', 'Gas pipelines in service', 'km', { kind: 'sum', field: 'lengthKm' }),
      metric('old', '老化燃气管段数', 'Ageing gas pipeline segments', '段', { kind: 'old' }),
      metric('monitoringPointsAdded', '新增高后果区智能监测点位数', 'Smart monitoring points added', '个', {
        kind: 'eventSum',
        event: 'addMonitoring',
        field: 'points',
      }),
    ],
  },
};

export const cameras: ShippedKind = {
  code: 'cameras',
  keeper: '市公安局',
  coKeepers: ['市城管局'],
  definition: {
    name: label('视频监控', 'Video surveillance cameras'),
    description: label(
      '重点公共区域和道路视频监控：安装满 8 年或标清的为老旧设备；改造升级与更新均计入“改造升级视频监控数”。',
      'Cameras in key public areas and on roads: those installed 8 years ago or more, or of standard definition, are old; upgrades and replacements both count as renovated or upgraded.',
    ),
    planRefs: ['A1-T6', 'A1-T6-01'],
    townAccess: 'read',
    townField: 'town',
    titleField: 'code',
    fields: [
      text('code', '点位编号', 'Camera code', { required: true, unique: true, maxLength: 40 }),
      text('site', '安装位置', 'Site', { required: true, maxLength: 200 }),
      town(),
      coordinates('location', '经纬度', 'Coordinates'),
      dictionary('resolution', '清晰度', 'Resolution', 'ledgers.cameraResolution', { required: true }),
      dictionary('cameraType', '摄像机类型', 'Camera type', 'ledgers.cameraType'),
      date('installedOn', '安装日期', 'Installed on', { required: true, notInFuture: true }),
      text('operator', '建设（运维）单位', 'Installer or maintainer', { maxLength: 100 }),
    ],
    oldRule: {
      match: 'any',
      conditions: [
        { op: 'ageAtLeast', field: 'installedOn', years: 8 },
        { op: 'in', field: 'resolution', values: ['sd'] },
      ],
    },
    events: [
      event('add', '新增', 'Added', 'added'),
      event('upgrade', '改造升级', 'Upgraded', 'upgraded', { changes: ['resolution', 'cameraType'] }),
      event('replace', '更换', 'Replaced', 'replaced'),
    ],
    metrics: [
      metric('upgraded', '改造升级视频监控数', 'Cameras renovated or upgraded', '万个', events('upgraded', 'replaced'), { scale: 10000 }),
      metric('old', '老旧视频监控数', 'Old cameras', '个', { kind: 'old' }),
    ],
  },
};
