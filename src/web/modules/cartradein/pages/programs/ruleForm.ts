import { EMISSION_STANDARDS, type EmissionStandard } from '../../../../../shared/enums/cartradein';
import { fenToDecimal, yuanToFen } from '../../../../../shared/money';
import type { CarRule } from '../../api';

/** The evidence kinds a programme can require, in the order the form lists them (server: programs/rules.ts). */
export const EVIDENCE_KINDS = [
  'scrapping_certificate',
  'deregistration_certificate',
  'old_vehicle_registration',
  'transfer_record',
  'new_car_invoice',
  'new_vehicle_registration',
  'id_card',
  'bank_card',
] as const satisfies readonly CarRule['evidence'][number][];

export { EMISSION_STANDARDS };

export interface BandForm {
  energyType?: 'nev' | 'fuel';
  /** 元 as typed; sent as exact fen. */
  min?: string;
  max?: string;
  amount?: string;
}

/** The rule as the form holds it: switches for what qualifies, amounts in 元, displacement in litres. */
export interface RuleForm {
  oldFuel?: boolean;
  oldFuelMax?: EmissionStandard;
  oldNev?: boolean;
  oldNevBefore?: string;
  ownedOnOrBefore?: string;
  disposedOnOrAfter?: string;
  newNev?: boolean;
  newFuel?: boolean;
  newFuelMaxL?: number | null;
  amounts?: BandForm[];
  deadlines?: { reviewWorkingDays?: number; paymentWorkingDays?: number };
  evidence?: CarRule['evidence'];
}

const orNull = (s: string | undefined) => (s?.trim() ? s.trim() : null);

export function ruleToForm(rule: CarRule): RuleForm {
  return {
    oldFuel: rule.oldCar.fuel !== null,
    oldFuelMax: rule.oldCar.fuel?.maxEmissionStandard ?? 'guo3',
    oldNev: rule.oldCar.nev !== null,
    oldNevBefore: rule.oldCar.nev?.registeredOnOrBefore ?? '',
    ownedOnOrBefore: rule.oldCar.ownedOnOrBefore ?? '',
    disposedOnOrAfter: rule.oldCar.disposedOnOrAfter ?? '',
    newNev: rule.newCar.nev,
    newFuel: rule.newCar.fuel !== null,
    newFuelMaxL: rule.newCar.fuel?.maxDisplacementMl ? rule.newCar.fuel.maxDisplacementMl / 1000 : null,
    amounts: rule.amounts.map((b) => ({
      energyType: b.energyType,
      min: fenToDecimal(b.minPriceFen),
      max: b.maxPriceFen === null ? '' : fenToDecimal(b.maxPriceFen),
      amount: fenToDecimal(b.amountFen),
    })),
    deadlines: { ...rule.deadlines },
    evidence: [...rule.evidence],
  };
}

/** The form's values as the API's rule; the form's own validators have run, so amounts parse. */
export function formToRule(f: RuleForm): CarRule {
  return {
    oldCar: {
      fuel: f.oldFuel ? { maxEmissionStandard: f.oldFuelMax ?? 'guo3' } : null,
      nev: f.oldNev ? { registeredOnOrBefore: orNull(f.oldNevBefore) } : null,
      ownedOnOrBefore: orNull(f.ownedOnOrBefore),
      disposedOnOrAfter: orNull(f.disposedOnOrAfter),
    },
    newCar: {
      nev: f.newNev ?? false,
      fuel: f.newFuel ? { maxDisplacementMl: f.newFuelMaxL ? Math.round(f.newFuelMaxL * 1000) : null } : null,
    },
    amounts: (f.amounts ?? []).map((b) => ({
      energyType: b.energyType ?? 'nev',
      minPriceFen: yuanToFen(b.min) ?? 0,
      maxPriceFen: b.max?.trim() ? yuanToFen(b.max) : null,
      amountFen: yuanToFen(b.amount) ?? 0,
    })),
    deadlines: { reviewWorkingDays: f.deadlines?.reviewWorkingDays ?? 10, paymentWorkingDays: f.deadlines?.paymentWorkingDays ?? 15 },
    evidence: [...(f.evidence ?? [])],
  };
}

/** The API's paths inside `rule` (prefix `rule.`), mapped onto this form's names under `prefix`. */
export function ruleAliases(bands: number, prefix = 'rule'): Record<string, string> {
  const map: Record<string, string> = {
    'rule.oldCar.fuel': `${prefix}.oldFuelMax`,
    'rule.oldCar.fuel.maxEmissionStandard': `${prefix}.oldFuelMax`,
    'rule.oldCar.nev.registeredOnOrBefore': `${prefix}.oldNevBefore`,
    'rule.oldCar.ownedOnOrBefore': `${prefix}.ownedOnOrBefore`,
    'rule.oldCar.disposedOnOrAfter': `${prefix}.disposedOnOrAfter`,
    'rule.newCar.fuel.maxDisplacementMl': `${prefix}.newFuelMaxL`,
    'rule.amounts': `${prefix}.amounts`,
    'rule.deadlines.reviewWorkingDays': `${prefix}.deadlines.reviewWorkingDays`,
    'rule.deadlines.paymentWorkingDays': `${prefix}.deadlines.paymentWorkingDays`,
    'rule.evidence': `${prefix}.evidence`,
  };
  for (let i = 0; i < bands; i++) {
    map[`rule.amounts.${i}`] = `${prefix}.amounts.${i}.min`;
    map[`rule.amounts.${i}.minPriceFen`] = `${prefix}.amounts.${i}.min`;
    map[`rule.amounts.${i}.maxPriceFen`] = `${prefix}.amounts.${i}.max`;
    map[`rule.amounts.${i}.amountFen`] = `${prefix}.amounts.${i}.amount`;
  }
  return map;
}
