import type { CarProgramKind } from '../tables.js';
import type { CarRule } from './rules.js';

/**
 * The car programmes every installation starts with. The scrapping-renewal programme carries the national rules
 * of reference/facts.md (20,000 yuan for a new-energy car, 15,000 yuan for a fuel car of 2.0 L or less; the old
 * car a fuel car of 国三 or below, or a new-energy car registered on or before 2018-04-30). The dates a locality
 * or the year's notice sets (window, ownership date, deadlines) are configuration for 市商务局 to edit. The
 * replacement programme has no national figures at all: every value is an example, it is marked as such and
 * starts as a draft that residents cannot apply to.
 */
export interface DefaultCarProgram {
  code: string;
  name: string;
  kind: CarProgramKind;
  validFrom: string;
  validTo: string;
  isExample: boolean;
  sourceNote: string;
  rule: CarRule;
}

const YUAN = 100;

export const DEFAULT_CAR_PROGRAMS: DefaultCarProgram[] = [
  {
    code: 'car-scrapping-national-2025',
    name: '汽车报废更新补贴（国家2025年规则）',
    kind: 'scrapping',
    validFrom: '2025-01-01',
    validTo: '2026-12-31',
    isExample: false,
    sourceNote:
      '补贴标准与旧车条件为国家规则：报废国三及以下排放标准燃油乘用车或2018年4月30日（含）前注册登记的新能源乘用车，购买新能源乘用车补贴2万元，购买2.0升及以下排量燃油乘用车补贴1.5万元。申请期（示例：2025年1月1日至2026年12月31日）、旧车登记在本人名下的截止日期、审核与拨付时限、所需材料为可编辑配置。' +
      ' Amounts and old-car conditions are the national rules; the window, ownership date, deadlines and evidence list are configuration.',
    rule: {
      oldCar: {
        fuel: { maxEmissionStandard: 'guo3' },
        nev: { registeredOnOrBefore: '2018-04-30' },
        ownedOnOrBefore: '2025-01-08',
        disposedOnOrAfter: '2025-01-01',
      },
      newCar: { nev: true, fuel: { maxDisplacementMl: 2000 } },
      amounts: [
        { energyType: 'nev', minPriceFen: 0, maxPriceFen: null, amountFen: 20_000 * YUAN },
        { energyType: 'fuel', minPriceFen: 0, maxPriceFen: null, amountFen: 15_000 * YUAN },
      ],
      deadlines: { reviewWorkingDays: 10, paymentWorkingDays: 15 },
      evidence: ['scrapping_certificate', 'deregistration_certificate', 'new_car_invoice', 'new_vehicle_registration', 'id_card', 'bank_card'],
    },
  },
  {
    code: 'car-replacement-example-2025',
    name: '汽车置换更新补贴（示例配置）',
    kind: 'replacement',
    validFrom: '2025-01-01',
    validTo: '2026-12-31',
    isExample: true,
    sourceNote:
      '示例配置：置换更新的补贴标准由各地自行制定（reference/facts.md），本活动的全部数值（价格区间、补贴金额、旧车与新车条件、期限、材料）均为示例，须由市商务局按本地文件修改后启用。' +
      ' Example configuration: localities set replacement-renewal rules; every value here is an example for 市商务局 to replace before activating.',
    rule: {
      oldCar: { fuel: { maxEmissionStandard: 'guo6' }, nev: { registeredOnOrBefore: null }, ownedOnOrBefore: '2025-01-08', disposedOnOrAfter: '2025-01-01' },
      newCar: { nev: true, fuel: { maxDisplacementMl: 2000 } },
      amounts: [
        { energyType: 'nev', minPriceFen: 50_000 * YUAN, maxPriceFen: 100_000 * YUAN, amountFen: 8_000 * YUAN },
        { energyType: 'nev', minPriceFen: 100_000 * YUAN, maxPriceFen: 200_000 * YUAN, amountFen: 12_000 * YUAN },
        { energyType: 'nev', minPriceFen: 200_000 * YUAN, maxPriceFen: null, amountFen: 15_000 * YUAN },
        { energyType: 'fuel', minPriceFen: 50_000 * YUAN, maxPriceFen: 100_000 * YUAN, amountFen: 6_000 * YUAN },
        { energyType: 'fuel', minPriceFen: 100_000 * YUAN, maxPriceFen: 200_000 * YUAN, amountFen: 10_000 * YUAN },
        { energyType: 'fuel', minPriceFen: 200_000 * YUAN, maxPriceFen: null, amountFen: 13_000 * YUAN },
      ],
      deadlines: { reviewWorkingDays: 10, paymentWorkingDays: 15 },
      evidence: ['old_vehicle_registration', 'transfer_record', 'new_car_invoice', 'new_vehicle_registration', 'id_card', 'bank_card'],
    },
  },
];
