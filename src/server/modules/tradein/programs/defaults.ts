import type { ProgramKind, SubsidyRounding } from '../tables.js';
import type { CategoryRule } from './rules.js';

/**
 * The programmes every installation starts with. The rates, caps, price ceilings and per-person limits of the
 * appliance and digital programmes are the national 2025 rules (reference/facts.md). Everything a locality sets
 * for itself — validity window, budget and its split, daily quotas, release time, voucher validity — is an
 * example configuration that 市商务局 edits, and `sourceNote` says so. The home-renovation programme has no
 * national figures at all: every value of it is an example and the programme is marked `isExample`.
 */
export interface DefaultCategory {
  category: string;
  name: string;
  dailyQuota: number;
  rule: CategoryRule;
}

export interface DefaultProgram {
  code: string;
  name: string;
  kind: ProgramKind;
  validFrom: string;
  validTo: string;
  budgetCentralFen: number;
  budgetProvincialFen: number;
  budgetCityFen: number;
  voucherValidDays: number;
  releaseTime: string;
  rounding: SubsidyRounding;
  isExample: boolean;
  sourceNote: string;
  categories: DefaultCategory[];
}

const YUAN = 100;
const WAN_YUAN = 10_000 * YUAN;

const applianceRule = (limitPerPerson: number): CategoryRule => ({
  rates: [
    { grade: 1, rateBp: 2000 },
    { grade: 2, rateBp: 1500 },
  ],
  capFen: 2000 * YUAN,
  priceCeilingFen: null,
  limitPerPerson,
  evidence: { invoice: true, serialNumber: true, oldItemProof: false },
});

const APPLIANCES: [string, string, number][] = [
  ['refrigerator', '冰箱', 200],
  ['washing_machine', '洗衣机', 200],
  ['television', '电视', 200],
  ['air_conditioner', '空调', 300],
  ['computer', '电脑', 200],
  ['water_heater', '热水器', 100],
  ['kitchen_stove', '家用灶具', 100],
  ['range_hood', '吸油烟机', 100],
  ['microwave_oven', '微波炉', 100],
  ['water_purifier', '净水器', 100],
  ['dishwasher', '洗碗机', 100],
  ['rice_cooker', '电饭煲', 100],
];

const digitalRule: CategoryRule = {
  rates: [{ grade: null, rateBp: 1500 }],
  capFen: 500 * YUAN,
  priceCeilingFen: 6000 * YUAN,
  limitPerPerson: 1,
  evidence: { invoice: true, serialNumber: true, oldItemProof: false },
};

const LOCAL_NOTE =
  '补贴比例、单件上限、限价与每人每类限购数量为国家2025年规则；有效期、资金总额及中央/省/市分担、每日投放量、投放时间、券有效天数为示例配置，由市商务局按本地文件修改。' +
  ' Rates, caps, price ceilings and per-person limits are the national 2025 rules; validity window, budget and its split, daily quotas, release time and voucher validity are example configuration for 市商务局 to edit.';

export const DEFAULT_PROGRAMS: DefaultProgram[] = [
  {
    code: 'appliance-national-2025',
    name: '家电以旧换新补贴（国家2025年规则）',
    kind: 'appliance',
    validFrom: '2025-01-01',
    validTo: '2026-12-31',
    budgetCentralFen: 4000 * WAN_YUAN,
    budgetProvincialFen: 500 * WAN_YUAN,
    budgetCityFen: 500 * WAN_YUAN,
    voucherValidDays: 7,
    releaseTime: '10:00',
    rounding: 'half_up',
    isExample: false,
    sourceNote: LOCAL_NOTE,
    categories: APPLIANCES.map(([category, name, dailyQuota]) => ({
      category,
      name,
      dailyQuota,
      // One item per category per person, except air conditioners: up to three.
      rule: applianceRule(category === 'air_conditioner' ? 3 : 1),
    })),
  },
  {
    code: 'digital-national-2025',
    name: '数码产品购新补贴（国家2025年规则）',
    kind: 'digital',
    validFrom: '2025-01-01',
    validTo: '2026-12-31',
    budgetCentralFen: 1600 * WAN_YUAN,
    budgetProvincialFen: 200 * WAN_YUAN,
    budgetCityFen: 200 * WAN_YUAN,
    voucherValidDays: 7,
    releaseTime: '10:00',
    rounding: 'half_up',
    isExample: false,
    sourceNote: LOCAL_NOTE,
    categories: [
      { category: 'mobile_phone', name: '手机', dailyQuota: 500, rule: digitalRule },
      { category: 'tablet', name: '平板', dailyQuota: 200, rule: digitalRule },
      { category: 'smart_watch_band', name: '智能手表手环', dailyQuota: 200, rule: digitalRule },
    ],
  },
  {
    code: 'home-renovation-example',
    name: '家装厨卫“焕新”补贴（示例配置，非官方标准）',
    kind: 'home_renovation',
    validFrom: '2025-01-01',
    validTo: '2026-12-31',
    budgetCentralFen: 0,
    budgetProvincialFen: 300 * WAN_YUAN,
    budgetCityFen: 700 * WAN_YUAN,
    voucherValidDays: 30,
    releaseTime: '10:00',
    rounding: 'half_up',
    isExample: true,
    sourceNote:
      '示例配置：国家规则未给出家装套餐的比例与上限，本活动全部数值（比例、上限、限价、限购、预算、投放量）均为示例，须由市商务局按本地文件修改后启用。' +
      ' Example configuration: facts.md gives no national figures for home-renovation packages; every value here is an example the office must edit before use.',
    categories: [
      {
        category: 'elderly_adaptation',
        name: '适老化改造',
        dailyQuota: 20,
        rule: {
          rates: [{ grade: null, rateBp: 2000 }],
          capFen: 5000 * YUAN,
          priceCeilingFen: null,
          limitPerPerson: 1,
          evidence: { invoice: true, serialNumber: true, oldItemProof: false },
        },
      },
      {
        category: 'old_house_renovation',
        name: '旧房装修',
        dailyQuota: 20,
        rule: {
          rates: [{ grade: null, rateBp: 1500 }],
          capFen: 20000 * YUAN,
          priceCeilingFen: null,
          limitPerPerson: 1,
          evidence: { invoice: true, serialNumber: true, oldItemProof: false },
        },
      },
      {
        category: 'kitchen_bathroom',
        name: '厨卫局部改造',
        dailyQuota: 20,
        rule: {
          rates: [{ grade: null, rateBp: 1500 }],
          capFen: 10000 * YUAN,
          priceCeilingFen: null,
          limitPerPerson: 1,
          evidence: { invoice: true, serialNumber: true, oldItemProof: false },
        },
      },
    ],
  },
];
