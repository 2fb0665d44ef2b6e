import { describe, expect, it } from 'vitest';
import { DEFAULT_CAR_PROGRAMS } from './defaults.js';
import { evaluateCarEligibility, type CarApplicationFacts } from './eligibility.js';
import { carRuleSchema, type CarRule } from './rules.js';

const national = DEFAULT_CAR_PROGRAMS.find((p) => p.code === 'car-scrapping-national-2025')!;
const replacement = DEFAULT_CAR_PROGRAMS.find((p) => p.code === 'car-replacement-example-2025')!;
const WINDOW = { validFrom: '2025-01-01', validTo: '2025-12-31' };
const YUAN = 100;

/** A scrapping application that meets every national rule: a 国三 petrol car owned since 2015, a new NEV. */
const ok = (over: Partial<CarApplicationFacts> = {}): CarApplicationFacts => ({
  kind: 'scrapping',
  appliedOn: '2025-06-10',
  old: { energyType: 'fuel', emissionStandard: 'guo3', registeredOn: '2008-05-01', ownedSince: '2015-03-01' },
  disposedOn: '2025-05-20',
  newCar: { energyType: 'nev', displacementMl: null, priceFen: 159_800 * YUAN, invoiceDate: '2025-06-01' },
  evidenceKinds: national.rule.evidence,
  certificateCheck: 'unverified',
  ...over,
});
const codes = (f: CarApplicationFacts, rule: CarRule = national.rule) => evaluateCarEligibility(rule, WINDOW, f).reasons.map((r) => r.code);

describe('the shipped national scrapping-renewal rule (reference/facts.md)', () => {
  it('is valid configuration with the national amounts and conditions', () => {
    expect(carRuleSchema.parse(national.rule)).toEqual(national.rule);
    expect(national.rule.amounts).toEqual([
      { energyType: 'nev', minPriceFen: 0, maxPriceFen: null, amountFen: 2_000_000 },
      { energyType: 'fuel', minPriceFen: 0, maxPriceFen: null, amountFen: 1_500_000 },
    ]);
    expect(national.rule.oldCar).toMatchObject({ fuel: { maxEmissionStandard: 'guo3' }, nev: { registeredOnOrBefore: '2018-04-30' } });
    expect(national.rule.newCar).toEqual({ nev: true, fuel: { maxDisplacementMl: 2000 } });
    expect(national.isExample).toBe(false);
    expect(replacement.isExample).toBe(true);
    expect(replacement.sourceNote).toContain('示例');
    expect(carRuleSchema.safeParse(replacement.rule).success).toBe(true);
  });

  it('qualifies: old fuel car of 国三 → new NEV = 20,000 yuan in integer fen', () => {
    expect(evaluateCarEligibility(national.rule, WINDOW, ok())).toEqual({ eligible: true, reasons: [], amountFen: 2_000_000 });
  });

  it.each([['guo0'], ['guo1'], ['guo2'], ['guo3']] as const)('qualifies: old fuel car of %s', (std) => {
    expect(codes(ok({ old: { ...ok().old, emissionStandard: std } }))).toEqual([]);
  });

  it.each([['guo4'], ['guo5'], ['guo6']] as const)('fails: old fuel car of %s (above 国三)', (std) => {
    const r = evaluateCarEligibility(national.rule, WINDOW, ok({ old: { ...ok().old, emissionStandard: std } }));
    expect(r).toEqual({ eligible: false, reasons: [{ code: 'oldFuelEmission', params: { max: 'guo3' } }], amountFen: 0 });
  });

  it('qualifies: old NEV registered on 2018-04-30 exactly; fails the day after', () => {
    const nev = (registeredOn: string) => ok({ old: { energyType: 'nev', emissionStandard: null, registeredOn, ownedSince: '2018-05-02' } });
    expect(codes(nev('2018-04-30'))).toEqual([]);
    expect(codes(nev('2018-05-01'))).toEqual(['oldNevRegistration']);
  });

  it('qualifies: new fuel car of 2.0 L → 15,000 yuan; fails at 2.001 L', () => {
    const fuel = (displacementMl: number) => ok({ newCar: { energyType: 'fuel', displacementMl, priceFen: 98_800 * YUAN, invoiceDate: '2025-06-01' } });
    expect(evaluateCarEligibility(national.rule, WINDOW, fuel(2000))).toMatchObject({ eligible: true, amountFen: 1_500_000 });
    expect(evaluateCarEligibility(national.rule, WINDOW, fuel(2001)).reasons).toEqual([{ code: 'newFuelDisplacement', params: { maxMl: 2000 } }]);
  });

  it('fails: owned in the applicant’s name after the programme’s date (on the date still qualifies)', () => {
    expect(codes(ok({ old: { ...ok().old, ownedSince: '2025-01-08' } }))).toEqual([]);
    expect(codes(ok({ old: { ...ok().old, ownedSince: '2025-01-09' } }))).toEqual(['ownedTooRecently']);
  });

  it('fails: applied, bought or scrapped outside the window', () => {
    expect(codes(ok({ appliedOn: '2026-01-01' }))).toEqual(['outsideWindow']);
    expect(codes(ok({ newCar: { ...ok().newCar, invoiceDate: '2024-12-31' } }))).toEqual(['purchaseOutsideWindow']);
    expect(codes(ok({ disposedOn: '2024-12-31' }))).toEqual(['disposedTooEarly']);
  });

  it('fails: every missing evidence kind is named', () => {
    const r = evaluateCarEligibility(national.rule, WINDOW, ok({ evidenceKinds: ['scrapping_certificate', 'new_car_invoice', 'id_card'] }));
    expect(r.reasons).toEqual([
      { code: 'evidenceMissing', params: { evidence: 'deregistration_certificate' } },
      { code: 'evidenceMissing', params: { evidence: 'new_vehicle_registration' } },
      { code: 'evidenceMissing', params: { evidence: 'bank_card' } },
    ]);
  });

  it('fails: a certificate the recycling records contradict; unverified and confirmed certificates pass the rules', () => {
    expect(codes(ok({ certificateCheck: 'mismatch' }))).toEqual(['certificateMismatch']);
    expect(codes(ok({ certificateCheck: 'verified' }))).toEqual([]);
    expect(codes(ok({ certificateCheck: 'confirmed' }))).toEqual([]);
  });

  it('names every failed rule at once, not only the first', () => {
    const r = evaluateCarEligibility(
      national.rule,
      WINDOW,
      ok({
        appliedOn: '2026-02-01',
        old: { energyType: 'fuel', emissionStandard: 'guo5', registeredOn: '2019-01-01', ownedSince: '2025-03-01' },
        newCar: { energyType: 'fuel', displacementMl: 2500, priceFen: 300_000 * YUAN, invoiceDate: '2026-01-15' },
        evidenceKinds: [],
      }),
    );
    expect(r.eligible).toBe(false);
    expect(r.amountFen).toBe(0);
    expect(new Set(r.reasons.map((x) => x.code))).toEqual(
      new Set(['outsideWindow', 'purchaseOutsideWindow', 'oldFuelEmission', 'ownedTooRecently', 'newFuelDisplacement', 'evidenceMissing']),
    );
  });
});

describe('configured rules: what does not qualify, price bands', () => {
  it('fails when a programme takes no old fuel cars, no old NEVs, no new NEVs or no new fuel cars', () => {
    const strict: CarRule = { ...national.rule, oldCar: { ...national.rule.oldCar, fuel: null, nev: null }, newCar: { nev: false, fuel: null } };
    expect(codes(ok(), strict)).toEqual(['oldFuelNotAccepted', 'newNevNotAccepted']);
    expect(
      codes(
        ok({
          old: { energyType: 'nev', emissionStandard: null, registeredOn: '2016-01-01', ownedSince: '2016-01-01' },
          newCar: { ...ok().newCar, energyType: 'fuel', displacementMl: 1500 },
        }),
        strict,
      ),
    ).toEqual(['oldNevNotAccepted', 'newFuelNotAccepted']);
  });

  it('replacement (example): the amount follows the new car’s type and price band, lower bound inclusive', () => {
    const facts = (energyType: 'nev' | 'fuel', priceYuan: number) =>
      ok({
        kind: 'replacement',
        old: { energyType: 'fuel', emissionStandard: 'guo6', registeredOn: '2020-01-01', ownedSince: '2020-01-01' },
        newCar: { energyType, displacementMl: energyType === 'fuel' ? 1500 : null, priceFen: priceYuan * YUAN, invoiceDate: '2025-06-01' },
        evidenceKinds: replacement.rule.evidence,
        certificateCheck: 'not_applicable',
      });
    const amount = (e: 'nev' | 'fuel', p: number) => evaluateCarEligibility(replacement.rule, WINDOW, facts(e, p));
    expect(amount('nev', 50_000).amountFen).toBe(8_000 * YUAN);
    expect(amount('nev', 99_999).amountFen).toBe(8_000 * YUAN);
    expect(amount('nev', 100_000).amountFen).toBe(12_000 * YUAN);
    expect(amount('nev', 350_000).amountFen).toBe(15_000 * YUAN);
    expect(amount('fuel', 150_000).amountFen).toBe(10_000 * YUAN);
    const cheap = amount('fuel', 49_999);
    expect(cheap).toEqual({ eligible: false, reasons: [{ code: 'noPriceBand', params: { priceFen: 4_999_900 } }], amountFen: 0 });
  });

  it('never pays more than the price of the car', () => {
    const r = evaluateCarEligibility(national.rule, WINDOW, ok({ newCar: { ...ok().newCar, priceFen: 1_234_567 } }));
    expect(r.amountFen).toBe(1_234_567);
    expect(Number.isInteger(r.amountFen)).toBe(true);
  });

  it('refuses overlapping or inverted price bands and duplicated evidence kinds as configuration', () => {
    const bad = {
      ...replacement.rule,
      amounts: [
        { energyType: 'nev', minPriceFen: 0, maxPriceFen: 100, amountFen: 1 },
        { energyType: 'nev', minPriceFen: 50, maxPriceFen: null, amountFen: 1 },
        { energyType: 'fuel', minPriceFen: 100, maxPriceFen: 100, amountFen: 1 },
      ],
      evidence: ['id_card', 'id_card'],
    };
    const res = carRuleSchema.safeParse(bad);
    expect(res.success).toBe(false);
    expect(res.error!.issues.map((i) => i.message).sort()).toEqual([
      'field.cartradein.bandOrder',
      'field.cartradein.bandOverlap',
      'field.cartradein.duplicateEvidence',
    ]);
  });
});
