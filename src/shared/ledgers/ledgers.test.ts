import { describe, expect, it } from 'vitest';
import { addYears } from '../dates.js';
import { ledgerDefinition, type LedgerDefinition } from './definition.js';
import { assignSlots, definitionProblems, patternProblem } from './problems.js';
import { ALWAYS_OLD, describeRule, meetsAll, oldFrom } from './rules.js';
import { checkValues, type ValueLookups } from './values.js';

const trucks = (): LedgerDefinition =>
  ledgerDefinition.parse({
    name: { zh: '营运柴油货车', en: 'Operating diesel trucks' },
    titleField: 'plate',
    townAccess: 'edit',
    townField: 'town',
    fields: [
      { key: 'plate', label: { zh: '车牌', en: 'Plate' }, type: 'text', required: true, unique: true, pattern: '闽C[A-Z0-9]{5,6}' },
      { key: 'town', label: { zh: '镇街', en: 'Town' }, type: 'town', required: true },
      { key: 'emission', label: { zh: '排放标准', en: 'Emission standard' }, type: 'dictionary', dictionary: 'ledgers.emissionStandard' },
      { key: 'registeredOn', label: { zh: '注册日期', en: 'Registered on' }, type: 'date', notInFuture: true },
      { key: 'load', label: { zh: '核定载质量', en: 'Rated load' }, type: 'decimal', unit: 't', decimals: 1, min: 0 },
      { key: 'price', label: { zh: '购置价', en: 'Price' }, type: 'money' },
    ],
    oldRule: {
      match: 'any',
      conditions: [
        { op: 'in', field: 'emission', values: ['guo1', 'guo2', 'guo3'] },
        { op: 'ageAtLeast', field: 'registeredOn', years: 15 },
      ],
    },
    events: [
      {
        code: 'scrap',
        label: { zh: '淘汰', en: 'Scrapped' },
        effect: 'scrapped',
        fields: [{ key: 'subsidy', label: { zh: '补贴', en: 'Subsidy' }, type: 'money' }],
      },
    ],
    metrics: [
      {
        code: 'oldScrapped',
        label: { zh: '淘汰老旧车', en: 'Old trucks scrapped' },
        unit: '部',
        measure: { kind: 'events', effects: ['scrapped'], oldOnly: true },
      },
    ],
  });

const lookups: ValueLookups = {
  dictionaryCodes: (d) => (d === 'ledgers.emissionStandard' ? new Set(['guo1', 'guo2', 'guo3', 'guo4', 'guo5', 'guo6']) : undefined),
  isTown: (id) => id === 7,
  isOrganization: (id) => id === 7 || id === 2,
  today: '2026-12-01',
};

describe('ledger definitions', () => {
  it('accepts a sound definition and gives every field a slot of its class, kept across versions', () => {
    const def = trucks();
    expect(definitionProblems(def)).toEqual([]);
    const first = assignSlots(def);
    if (!('definition' in first)) throw new Error('no slots');
    expect(first.definition.fields.map((f) => f.slot)).toEqual(['t1', 'n1', 't2', 't3', 'n2', 'n3']);
    expect(first.definition.events[0]!.fields[0]!.slot).toBe('q1');
    // A new field takes a free slot; the retired one keeps its own, so stored values never change meaning.
    const next = {
      ...first.definition,
      fields: [
        ...first.definition.fields.map((f) => (f.key === 'load' ? { ...f, retired: true } : f)),
        { key: 'axles', label: { zh: '轴数', en: 'Axles' }, type: 'integer' as const, required: false, unique: false, retired: false },
      ],
    };
    const second = assignSlots(next, first.definition);
    if (!('definition' in second)) throw new Error('no slots');
    expect(second.definition.fields.map((f) => [f.key, f.slot])).toEqual([
      ['plate', 't1'],
      ['town', 'n1'],
      ['emission', 't2'],
      ['registeredOn', 't3'],
      ['load', 'n2'],
      ['price', 'n3'],
      ['axles', 'n4'],
    ]);
    expect(definitionProblems(second.definition, first.definition)).toEqual([]);
  });

  it('names what is wrong by path: references, types, dropped or retyped fields, unsafe patterns', () => {
    const def = trucks();
    const bad: LedgerDefinition = {
      ...def,
      titleField: 'nope',
      fields: [
        ...def.fields.filter((f) => f.key !== 'price'),
        { ...def.fields[0]!, key: 'plate2', pattern: '(a+)+' },
        { key: 'kind', label: { zh: '类', en: 'Kind' }, type: 'dictionary', required: false, unique: false, retired: false },
      ],
      oldRule: { match: 'all', conditions: [{ op: 'ageAtLeast', field: 'emission', years: 3 }] },
    };
    const problems = definitionProblems(bad, def).map((p) => `${p.path} ${p.reason}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        'titleField field.ledgers.unknownField',
        'fields.5.pattern field.ledgers.patternUnsafe',
        'fields.6.dictionary field.required',
        'oldRule.conditions.0.field field.ledgers.wrongFieldType',
        'fields field.ledgers.fieldInUse',
      ]),
    );
    const retyped = {
      ...def,
      fields: def.fields.map((f) => (f.key === 'load' ? { ...f, type: 'integer' as const, decimals: undefined, unit: undefined } : f)),
    };
    expect(definitionProblems(retyped, def).map((p) => p.reason)).toContain('field.ledgers.typeFixed');
    expect(patternProblem('[')).toBe('field.ledgers.patternInvalid');
    expect(patternProblem('\\d{6}')).toBeNull();
  });

  it('refuses more fields of a class than there are slots', () => {
    const def = trucks();
    const many = {
      ...def,
      fields: Array.from({ length: 11 }, (_, i) => ({
        key: `n${i}x`,
        label: { zh: `数${i}`, en: `N${i}` },
        type: 'integer' as const,
        required: false,
        unique: false,
        retired: false,
      })),
    };
    const r = assignSlots({ ...many, titleField: 'n0x' });
    expect('problem' in r && r.problem.reason).toBe('field.ledgers.tooManyFields');
  });
});

describe('the old rule', () => {
  const def = trucks();
  it('gives the day an asset becomes old, or never', () => {
    expect(oldFrom(def.oldRule, { emission: 'guo3', registeredOn: '2020-05-01' })).toBe(ALWAYS_OLD);
    expect(oldFrom(def.oldRule, { emission: 'guo5', registeredOn: '2012-02-29' })).toBe('2027-02-28');
    expect(oldFrom(def.oldRule, { emission: 'guo6', registeredOn: null })).toBeNull();
    const all = { match: 'all' as const, conditions: def.oldRule!.conditions };
    expect(oldFrom(all, { emission: 'guo2', registeredOn: '2015-03-01' })).toBe('2030-03-01');
    expect(oldFrom(all, { emission: 'guo4', registeredOn: '2000-03-01' })).toBeNull();
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
  });
  it('judges a metric’s conditions on a day and says the rule in words', () => {
    expect(meetsAll([{ op: 'ageAtLeast', field: 'registeredOn', years: 10 }], { registeredOn: '2015-06-01' }, '2025-05-31')).toBe(false);
    expect(meetsAll([{ op: 'ageAtLeast', field: 'registeredOn', years: 10 }], { registeredOn: '2015-06-01' }, '2025-06-01')).toBe(true);
    expect(meetsAll([{ op: 'gte', field: 'load', value: 10 }], { load: 12.5 }, '2025-01-01')).toBe(true);
    expect(describeRule(def, def.oldRule, 'zh-CN')).toBe('排放标准 属于 guo1、guo2、guo3 或 注册日期已满 15 年');
    expect(describeRule(def, def.oldRule, 'en')).toBe('Emission standard is one of guo1, guo2, guo3 or Registered on at least 15 years ago');
  });
});

describe('values', () => {
  const def = trucks();
  it('normalises good values and names each bad one', () => {
    const ok = checkValues(def.fields, { plate: ' 闽CA1234 ', town: 7, emission: 'guo3', registeredOn: '2010-01-31', load: '1,2.5', price: 3500000 }, lookups);
    expect(ok.issues).toEqual([]);
    expect(ok.values).toEqual({ plate: '闽CA1234', town: 7, emission: 'guo3', registeredOn: '2010-01-31', load: 12.5, price: 3500000 });
    const bad = checkValues(def.fields, { plate: 'X', town: 8, emission: 'guo9', registeredOn: '2027-01-01', load: 1.25, price: 1.5, color: 'red' }, lookups);
    expect(bad.issues.map((i) => `${i.path} ${i.reason}`).sort()).toEqual([
      'values.color field.ledgers.unknownField',
      'values.emission field.ledgers.unknownCode',
      'values.load field.ledgers.tooManyDecimals',
      'values.plate field.ledgers.patternMismatch',
      'values.price field.ledgers.notInteger',
      'values.registeredOn field.ledgers.dateInFuture',
      'values.town field.ledgers.unknownTown',
    ]);
    expect(checkValues(def.fields, {}, lookups).issues.map((i) => i.path)).toEqual(['values.plate', 'values.town']);
  });
  it('lets a stored code stand after its dictionary entry is disabled, and checks only what a partial change names', () => {
    const stored = { plate: '闽CA1234', town: 7, emission: 'guo0', registeredOn: null, load: null, price: null };
    expect(checkValues(def.fields, { ...stored }, lookups, { previous: stored }).issues).toEqual([]);
    const partial = checkValues(def.fields, { emission: 'guo6' }, lookups, { previous: stored, partial: true });
    expect(partial.issues).toEqual([]);
    expect(partial.values.emission).toBe('guo6');
    expect(partial.values.plate).toBe('闽CA1234');
  });
});
