import { describe, expect, it } from 'vitest';
import { ledgerDefinition, type LedgerDefinitionInput } from '../../../../../shared/ledgers/definition';
import { pathInWords } from './editorErrors';
import { definitionToForm, draftRule, emptyForm, formToDefinition, opsFor } from './formModel';

/** A definition with a field of every type, checks, a rule, events with fields and metrics of several measures. */
const DEF: LedgerDefinitionInput = {
  name: { zh: '公交车', en: 'Buses' },
  planRefs: ['A1-T7', 'A1-T7-01'],
  coKeepers: [7],
  townAccess: 'read',
  townField: 'town',
  titleField: 'plate',
  fields: [
    {
      key: 'plate',
      label: { zh: '车牌', en: 'Plate' },
      type: 'text',
      required: true,
      unique: true,
      maxLength: 12,
      pattern: '闽[A-Z][0-9A-Z]{5,6}',
      slot: 't1',
    },
    { key: 'seats', label: { zh: '座位', en: 'Seats' }, type: 'integer', min: 10, max: 80, unit: '座', slot: 'n1' },
    { key: 'length', label: { zh: '车长', en: 'Length' }, type: 'decimal', decimals: 1, unit: 'm', slot: 'n2' },
    { key: 'price', label: { zh: '购置价', en: 'Price' }, type: 'money', min: 100000, max: 500000000, slot: 'n3' },
    { key: 'registeredOn', label: { zh: '注册日期', en: 'Registered on' }, type: 'date', notInFuture: true, required: true, slot: 't2' },
    { key: 'energy', label: { zh: '能源', en: 'Energy' }, type: 'dictionary', dictionary: 'ledger_bus_energy', slot: 't3' },
    { key: 'operator', label: { zh: '运营单位', en: 'Operator' }, type: 'organization', slot: 'n4' },
    { key: 'town', label: { zh: '镇街', en: 'Town' }, type: 'town', slot: 'n5' },
    { key: 'depot', label: { zh: '场站', en: 'Depot' }, type: 'coordinates', slot: 't4' },
    { key: 'photo', label: { zh: '照片', en: 'Photo' }, type: 'file', retired: true, slot: 'n6' },
  ],
  oldRule: {
    match: 'any',
    conditions: [
      { op: 'ageAtLeast', field: 'registeredOn', years: 8 },
      { op: 'in', field: 'energy', values: ['diesel', 'gas'] },
      { op: 'gte', field: 'price', value: 100000 },
    ],
  },
  events: [
    {
      code: 'replaced',
      label: { zh: '更新', en: 'Replaced' },
      effect: 'replaced',
      fields: [{ key: 'investment', label: { zh: '投资', en: 'Investment' }, type: 'money', slot: 'q1' }],
      changes: ['energy'],
    },
  ],
  metrics: [
    { code: 'renewed', label: { zh: '更新数', en: 'Renewed' }, unit: '辆', measure: { kind: 'events', effects: ['replaced'], oldOnly: true } },
    { code: 'electric', label: { zh: '新能源占比', en: 'Electric share' }, unit: '%', measure: { kind: 'share', field: 'energy', values: ['electric'] } },
    {
      code: 'spent',
      label: { zh: '投资', en: 'Investment' },
      unit: '万元',
      scale: 1000000,
      measure: { kind: 'eventSum', event: 'replaced', field: 'investment' },
      where: [{ op: 'notEmpty', field: 'town' }],
    },
  ],
};

describe('the definition editor’s form', () => {
  it('gives back the definition it was filled from', () => {
    const def = ledgerDefinition.parse(DEF);
    const form = definitionToForm(def, 'buses', 3);
    expect(ledgerDefinition.parse(formToDefinition(form))).toEqual(def);
  });

  it('shows money in yuan and stores it in fen', () => {
    const form = definitionToForm(ledgerDefinition.parse(DEF), 'buses', 3);
    const price = form.fields!.find((f) => f.key === 'price')!;
    expect([price.min, price.max]).toEqual([1000, 5000000]);
    expect(form.oldRule!.conditions![2]!.value).toBe(1000);
    price.min = 12.34;
    expect(formToDefinition(form).fields.find((f) => f.key === 'price')!.min).toBe(1234);
  });

  it('sends only the checks of a field’s type and no rule without conditions', () => {
    const form = emptyForm();
    form.name = { zh: '测试', en: 'Test' };
    form.fields![0] = { ...form.fields![0]!, type: 'date', maxLength: 20, pattern: 'x', min: 1, dictionary: 'x', notInFuture: true };
    const def = formToDefinition(form);
    expect(def.fields[0]).toEqual({
      key: 'code',
      label: { zh: '编号', en: 'Code' },
      type: 'date',
      required: true,
      unique: true,
      retired: false,
      notInFuture: true,
    });
    expect(def.oldRule).toBeNull();
    expect(ledgerDefinition.safeParse(def).success).toBe(true);
  });

  it('words the rule as far as it is filled in', () => {
    const form = emptyForm();
    form.fields!.push({ key: 'since', label: { zh: '投用', en: 'Since' }, type: 'date' });
    form.oldRule = { match: 'all', conditions: [{ field: 'since', op: 'ageAtLeast', years: 15 }, { field: 'code' }] };
    expect(draftRule(form)).toEqual({ match: 'all', conditions: [{ field: 'since', op: 'ageAtLeast', years: 15 }] });
  });

  it('offers ordering operators only where the server takes them', () => {
    expect(opsFor('text')).not.toContain('lt');
    expect(opsFor('date')).toContain('ageAtLeast');
    expect(opsFor('file')).toEqual(['empty', 'notEmpty']);
  });

  it('says where a server problem is in words', () => {
    const form = definitionToForm(ledgerDefinition.parse(DEF), 'buses', 3);
    const t = ((key: string, params?: Record<string, unknown>) => `${key}${params ? JSON.stringify(params) : ''}`) as never;
    expect(pathInWords('definition.fields.5.dictionary', form, t)).toBe('ledgers.kinds.path.field{"n":6}（能源） · ledgers.kinds.field.dictionary');
    expect(pathInWords('definition.oldRule.conditions.1.values', form, t)).toBe(
      'ledgers.kinds.section.rule · ledgers.kinds.path.condition{"n":2} · ledgers.kinds.rule.value',
    );
  });
});
