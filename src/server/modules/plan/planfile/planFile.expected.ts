import type { PlanFileIndicator } from './planFileSchema.js';

/**
 * What the plan file must say, written out by hand from the plan's text (晋政文〔2024〕98号): every indicator's
 * value, unit, kind, comparator, years and responsible units, and every task's units. planFile.test.ts checks the
 * data file against it, clause by clause.
 */

/** Responsible units as facts.md lists them (/work/shared/reference/facts.md, "Responsible units named in the plan"). */
export const ALLOWED_UNITS = [
  '市工信局',
  '市应急局',
  '泉州市晋江生态环境局',
  '市科技局',
  '供电公司',
  '市市场监管局',
  '市住建局',
  '市水利局',
  '市城管局',
  '水务集团',
  '市公安局',
  '市交通运输局',
  '市文旅局',
  '市财政局',
  '市农业农村局',
  '市教育局',
  '高教发展中心',
  '市人社局',
  '市商务局',
  '市卫健局',
  '城镇集体工业联合社',
  '供销社',
  '市发改局',
  '泉州海关驻晋江办事处',
  '市税务局',
  '市金融局',
  '国家金融监督管理总局晋江监管支局',
  '市自然资源局',
];

const every = (value: number) => [2024, 2025, 2026, 2027].map((year) => ({ year, value }));
const by2027 = (value: number) => [{ year: 2027, value }];

export type Expected = Pick<
  PlanFileIndicator,
  | 'unit'
  | 'kind'
  | 'comparator'
  | 'baseline'
  | 'yearOnYear'
  | 'targets'
  | 'source'
  | 'metric'
  | 'lowerBoundMetric'
  | 'isEffort'
  | 'relatedTask'
  | 'townBreakdown'
  | 'units'
>;
const base = { baseline: null, yearOnYear: false, source: 'reported', metric: null, lowerBoundMetric: null, isEffort: false, relatedTask: null } as const;
const U = {
  A1T1: ['市工信局', '市应急局', '泉州市晋江生态环境局'],
  A1T2: ['市工信局', '市科技局'],
  A1T3: ['市工信局', '市应急局', '泉州市晋江生态环境局', '供电公司'],
  A1T4: ['市市场监管局', '市住建局'],
  A1T5: ['市水利局', '市住建局', '市城管局', '水务集团'],
  A1T6: ['市城管局', '市公安局'],
  A1T7: ['市交通运输局', '市文旅局', '市财政局'],
  A1T8: ['市交通运输局', '市农业农村局'],
  A1T11: ['市文旅局', '市商务局'],
  A1T12: ['市卫健局'],
  A2T1: ['市商务局', '市公安局', '市城管局'],
  A2T2: ['市商务局', '市工信局'],
  A3T1: ['市商务局', '市城管局', '供销社'],
  A3T2: ['市商务局', '市市场监管局', '市城管局', '市公安局'],
  A3T3: ['市商务局', '市市场监管局', '市公安局', '泉州海关驻晋江办事处'],
  A4T1: ['市市场监管局', '市工信局', '泉州市晋江生态环境局'],
  A5T3: ['市市场监管局', '市工信局', '市科技局'],
};

/** Every quantitative target in the plan, checked against the seed by hand. */
export const EXPECTED_INDICATORS: Record<string, Expected> = {
  // 二（一）section paragraph
  'A1-S-01': {
    ...base,
    unit: '%',
    kind: 'growth',
    comparator: '≥',
    baseline: { year: 2023 },
    targets: by2027(25),
    relatedTask: 1,
    lowerBoundMetric: 'renewal.projects.equipmentInvestmentCompleted',
    townBreakdown: false,
    units: U.A1T1,
  },
  'A1-S-02': { ...base, unit: '%', kind: 'level', comparator: '>', targets: by2027(90), relatedTask: 2, townBreakdown: false, units: U.A1T2 },
  'A1-S-03': { ...base, unit: '%', kind: 'level', comparator: '>', targets: by2027(75), relatedTask: 2, townBreakdown: false, units: U.A1T2 },
  'A1-S-04': {
    ...base,
    unit: '百分点',
    kind: 'growth',
    comparator: '≥',
    baseline: { year: 2023 },
    targets: by2027(5),
    relatedTask: 2,
    townBreakdown: false,
    units: U.A1T2,
  },
  // 二（一）tasks
  'A1-T1-01': {
    ...base,
    unit: '个',
    kind: 'annual',
    comparator: '≥',
    targets: every(300),
    lowerBoundMetric: 'renewal.projects.retrofitStarted',
    townBreakdown: true,
    units: U.A1T1,
  },
  'A1-T1-02': {
    ...base,
    unit: '亿元',
    kind: 'annual',
    comparator: '≥',
    targets: every(150),
    lowerBoundMetric: 'renewal.projects.investmentCompleted',
    townBreakdown: true,
    units: U.A1T1,
  },
  'A1-T2-01': { ...base, unit: '%', kind: 'level', comparator: '≥', targets: by2027(100), townBreakdown: false, units: U.A1T2 },
  'A1-T2-02': {
    ...base,
    unit: '个',
    kind: 'cumulative',
    comparator: '≥',
    targets: by2027(5),
    lowerBoundMetric: 'renewal.recognitions.smartFactoriesAndScenes',
    townBreakdown: true,
    units: U.A1T2,
  },
  'A1-T4-01': { ...base, unit: '台', kind: 'cumulative', comparator: '≥', targets: by2027(20), townBreakdown: true, units: U.A1T4 },
  'A1-T5-01': { ...base, unit: '座', kind: 'cumulative', comparator: '≥', targets: by2027(3), townBreakdown: true, units: U.A1T5 },
  'A1-T5-02': { ...base, unit: '座', kind: 'cumulative', comparator: '≥', targets: by2027(5), townBreakdown: true, units: U.A1T5 },
  'A1-T5-03': { ...base, unit: '座', kind: 'cumulative', comparator: '≥', targets: by2027(17), townBreakdown: true, units: U.A1T5 },
  'A1-T5-04': { ...base, unit: '万平方米', kind: 'cumulative', comparator: '≥', targets: by2027(4), townBreakdown: true, units: U.A1T5 },
  'A1-T6-01': { ...base, unit: '万个', kind: 'cumulative', comparator: '>', targets: by2027(5), townBreakdown: true, units: U.A1T6 },
  'A1-T7-01': { ...base, unit: '部', kind: 'cumulative', comparator: '≥', targets: by2027(500), townBreakdown: false, units: U.A1T7 },
  'A1-T7-02': { ...base, unit: '%', kind: 'level', comparator: '≥', targets: by2027(100), townBreakdown: false, units: U.A1T7 },
  'A1-T8-01': {
    ...base,
    unit: '部',
    kind: 'cumulative',
    comparator: '≥',
    targets: [
      { year: 2025, value: 40 },
      { year: 2027, value: 60 },
    ],
    townBreakdown: false,
    units: U.A1T8,
  },
  'A1-T11-01': {
    ...base,
    unit: '亿元',
    kind: 'cumulative',
    comparator: '≥',
    targets: by2027(1),
    lowerBoundMetric: 'renewal.projects.tourismEquipmentInvestment',
    townBreakdown: true,
    units: U.A1T11,
  },
  'A1-T12-01': {
    ...base,
    unit: '%',
    kind: 'growth',
    comparator: '≥',
    baseline: { year: 2023 },
    targets: by2027(25),
    isEffort: true,
    lowerBoundMetric: 'renewal.projects.medicalEquipmentInvestment',
    townBreakdown: false,
    units: U.A1T12,
  },
  // 二（二）section paragraph
  'A2-S-01': {
    ...base,
    unit: '万辆',
    kind: 'cumulative',
    comparator: '≥',
    targets: by2027(6),
    lowerBoundMetric: 'tradein.car.subsidisedCars',
    relatedTask: 1,
    townBreakdown: false,
    units: U.A2T1,
  },
  'A2-S-02': { ...base, unit: '万辆', kind: 'annual', comparator: '≥', targets: by2027(2.5), relatedTask: 1, townBreakdown: false, units: U.A2T1 },
  'A2-S-03': {
    ...base,
    unit: '%',
    kind: 'share',
    comparator: '≥',
    targets: by2027(50),
    lowerBoundMetric: 'tradein.car.nevShare',
    relatedTask: 1,
    townBreakdown: false,
    units: U.A2T1,
  },
  'A2-S-04': {
    ...base,
    unit: '%',
    kind: 'growth',
    comparator: '≥',
    baseline: { year: 2023 },
    targets: by2027(20),
    relatedTask: 2,
    townBreakdown: false,
    units: U.A2T2,
  },
  // 二（二）tasks
  'A2-T1-01': {
    ...base,
    unit: '场',
    kind: 'annual',
    comparator: '≥',
    targets: every(3),
    source: 'computed',
    metric: 'tradein.events.carPerYear',
    townBreakdown: false,
    units: U.A2T1,
  },
  'A2-T2-01': {
    ...base,
    unit: '场',
    kind: 'annual',
    comparator: '≥',
    targets: every(4),
    source: 'computed',
    metric: 'tradein.events.applianceRuralCommunityPerYear',
    townBreakdown: false,
    units: U.A2T2,
  },
  // 二（三）section paragraph
  'A3-S-01': {
    ...base,
    unit: '%',
    kind: 'growth',
    comparator: '≈',
    baseline: { year: 2023 },
    targets: by2027(100),
    relatedTask: 2,
    source: 'computed',
    metric: 'recycling.vehicles.scrappedReceived',
    townBreakdown: false,
    units: U.A3T2,
  },
  'A3-S-02': {
    ...base,
    unit: '%',
    kind: 'growth',
    comparator: '≥',
    baseline: { year: 2023 },
    targets: by2027(45),
    relatedTask: 3,
    source: 'computed',
    metric: 'recycling.dealers.usedCarTrades',
    townBreakdown: false,
    units: U.A3T3,
  },
  'A3-S-03': {
    ...base,
    unit: '%',
    kind: 'growth',
    comparator: '≥',
    baseline: { year: 2023 },
    targets: by2027(30),
    relatedTask: 1,
    source: 'computed',
    metric: 'recycling.intake.appliancesRecycled',
    townBreakdown: false,
    units: U.A3T1,
  },
  // 二（三）tasks
  'A3-T1-01': {
    ...base,
    unit: '个',
    kind: 'cumulative',
    comparator: '≥',
    targets: by2027(2),
    source: 'computed',
    metric: 'recycling.sites.sortingCentresBuilt',
    townBreakdown: true,
    units: U.A3T1,
  },
  'A3-T1-02': {
    ...base,
    unit: '个',
    kind: 'cumulative',
    comparator: '≥',
    targets: by2027(80),
    source: 'computed',
    metric: 'recycling.sites.stationsBuilt',
    townBreakdown: true,
    units: U.A3T1,
  },
  // 二（四）section paragraph
  'A4-S-01': { ...base, unit: '项', kind: 'cumulative', comparator: '≥', targets: by2027(80), relatedTask: 1, townBreakdown: false, units: U.A4T1 },
  // 二（五）tasks
  'A5-T3-01': { ...base, unit: '%', kind: 'growth', comparator: '≥', yearOnYear: true, targets: every(20), townBreakdown: false, units: U.A5T3 },
};

/** Responsible units of every task, in the plan's order (abbreviations normalised to facts.md names). */
export const EXPECTED_TASK_UNITS: Record<string, string[]> = {
  'A1-1': U.A1T1,
  'A1-2': U.A1T2,
  'A1-3': U.A1T3,
  'A1-4': U.A1T4,
  'A1-5': U.A1T5,
  'A1-6': U.A1T6,
  'A1-7': U.A1T7,
  'A1-8': U.A1T8,
  'A1-9': ['市农业农村局'],
  'A1-10': ['市教育局', '高教发展中心', '市科技局', '市人社局'],
  'A1-11': U.A1T11,
  'A1-12': U.A1T12,
  'A2-1': U.A2T1,
  'A2-2': U.A2T2,
  'A2-3': ['市商务局', '城镇集体工业联合社', '市工信局'],
  'A3-1': U.A3T1,
  'A3-2': U.A3T2,
  'A3-3': U.A3T3,
  'A3-4': ['市工信局', '市发改局', '市商务局', '市市场监管局', '市科技局', '泉州市晋江生态环境局'],
  'A3-5': ['市工信局', '市发改局', '市商务局', '泉州市晋江生态环境局'],
  'A4-1': U.A4T1,
  'A4-2': ['市市场监管局', '市工信局', '市应急局', '市科技局'],
  'A4-3': ['市市场监管局', '市工信局', '市商务局', '市住建局', '泉州市晋江生态环境局', '市科技局'],
  'A5-1': ['市工信局', '市发改局', '市科技局'],
  'A5-2': ['市商务局', '市工信局', '市发改局', '市科技局'],
  'A5-3': U.A5T3,
  'M1-1': ['市发改局'],
  'M2-1': ['市财政局', '市发改局', '市工信局', '市住建局', '市税务局'],
  'M3-1': ['市金融局', '国家金融监督管理总局晋江监管支局'],
  'M4-1': ['市自然资源局', '市发改局', '市住建局', '市工信局', '市商务局', '泉州市晋江生态环境局', '市公安局'],
  'M5-1': ['市科技局', '市发改局', '市工信局'],
};
