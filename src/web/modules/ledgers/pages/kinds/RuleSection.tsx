import { Alert, Button, Card, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, Tooltip, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTowns } from '../../../../api/towns';
import { useLocale, useT } from '../../../../i18n/I18nProvider';
import { useDictionary } from '../../../platform/dictionaries/useDictionary';
import type { FieldType } from '../../../../../shared/ledgers/definition';
import { describeRule } from '../../../../../shared/ledgers/rules';
import { useKeeperOrganizations } from './api';
import { useEditor } from './editorContext';
import { draftRule, formToField, opsFor, type ConditionForm, type ConditionOp, type FieldForm, type KindForm } from './formModel';
import { useCodes, useOptionLabel } from './parts';

const MULTI: ConditionOp[] = ['in', 'notIn'];
const NO_VALUE: ConditionOp[] = ['empty', 'notEmpty'];

function DictionaryValues({ code, multiple, testId }: { code: string; multiple: boolean; testId: string }) {
  const dict = useDictionary(code);
  return (
    <Select
      mode={multiple ? 'multiple' : undefined}
      options={dict.options}
      loading={dict.loading}
      showSearch={{ optionFilterProp: 'label' }}
      data-testid={testId}
    />
  );
}

function TownValues({ multiple, testId }: { multiple: boolean; testId: string }) {
  const towns = useTowns();
  return (
    <Select
      mode={multiple ? 'multiple' : undefined}
      options={(towns.data ?? []).map((tw) => ({ value: tw.id, label: tw.name }))}
      showSearch={{ optionFilterProp: 'label' }}
      data-testid={testId}
    />
  );
}

function OrganizationValues({ multiple, testId }: { multiple: boolean; testId: string }) {
  const orgs = useKeeperOrganizations();
  return (
    <Select
      mode={multiple ? 'multiple' : undefined}
      options={(orgs.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
      showSearch={{ optionFilterProp: 'label' }}
      data-testid={testId}
    />
  );
}

/** The value input a condition needs: by the field's type, one value or several, none for empty/not empty. */
function ConditionValue({ at, field, op, testId }: { at: number; field: FieldForm | undefined; op: ConditionOp | undefined; testId: string }) {
  const t = useT();
  if (!op || NO_VALUE.includes(op)) return null;
  const label = t('ledgers.kinds.rule.value');
  const required = [{ required: true, message: t('common.required') }];
  if (op === 'ageAtLeast')
    return (
      <Form.Item name={[at, 'years']} label={t('ledgers.kinds.rule.years')} rules={required}>
        <InputNumber min={1} max={100} precision={0} style={{ width: '100%' }} suffix={t('ledgers.kinds.rule.yearsUnit')} data-testid={testId} />
      </Form.Item>
    );
  const type: FieldType | undefined = field?.type;
  const multiple = MULTI.includes(op);
  const name = [at, multiple ? 'values' : 'value'];
  let input;
  if (type === 'dictionary' && field?.dictionary) input = <DictionaryValues code={field.dictionary} multiple={multiple} testId={testId} />;
  else if (type === 'town') input = <TownValues multiple={multiple} testId={testId} />;
  else if (type === 'organization') input = <OrganizationValues multiple={multiple} testId={testId} />;
  else if (multiple) input = <Select mode="tags" tokenSeparators={[',', '，']} open={false} suffixIcon={null} data-testid={testId} />;
  else if (type === 'integer' || type === 'decimal' || type === 'money')
    input = <InputNumber style={{ width: '100%' }} suffix={type === 'money' ? '元' : field?.unit} data-testid={testId} />;
  else if (type === 'date')
    return (
      <Form.Item
        name={name}
        label={label}
        rules={required}
        getValueProps={(v: string | undefined) => ({ value: v ? dayjs(v) : null })}
        normalize={(d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined)}
      >
        <DatePicker style={{ width: '100%' }} data-testid={testId} />
      </Form.Item>
    );
  else input = <Input maxLength={100} data-testid={testId} />;
  return (
    <Form.Item name={name} label={label} rules={required}>
      {input}
    </Form.Item>
  );
}

/**
 * A list of conditions on the kind's fields (the old rule's, a metric's `where`): field, operator allowed for its
 * type, value typed as the field's values are. `listPath` is its absolute path, `name` the Form.List name.
 */
export function ConditionList({
  listPath,
  name,
  testPrefix,
  addTestId,
  addLabel,
  max,
}: {
  listPath: (string | number)[];
  name: string | (string | number)[];
  testPrefix: (i: number) => string;
  addTestId: string;
  addLabel: string;
  max: number;
}) {
  const t = useT();
  const code = useCodes();
  const { readOnly } = useEditor();
  const optionLabel = useOptionLabel();
  const form = Form.useFormInstance();
  const fields = ((Form.useWatch('fields', { form, preserve: true }) as FieldForm[] | undefined) ?? []).filter((f) => f?.key);
  const conditions = (Form.useWatch(listPath, { form, preserve: true }) as ConditionForm[] | undefined) ?? [];
  const fieldOf = (key: string | undefined) => fields.find((f) => f.key === key);
  return (
    <Form.List name={name}>
      {(items, { add, remove }) => (
        <>
          {items.map((item) => {
            const c = conditions[item.name] ?? {};
            const field = fieldOf(c.field);
            const p = testPrefix(item.name);
            return (
              <Row gutter={8} key={item.key} className="hx-ledger-condition" data-testid={`${p}-row`}>
                <Col xs={24} sm={8}>
                  <Form.Item name={[item.name, 'field']} label={t('ledgers.kinds.rule.field')} rules={[{ required: true, message: t('common.required') }]}>
                    <Select
                      showSearch={{ optionFilterProp: 'label' }}
                      options={fields.map((f) => ({ value: f.key!, label: optionLabel(f) }))}
                      onChange={(key: string) => {
                        const ops = opsFor(fieldOf(key)?.type);
                        const op = c.op && ops.includes(c.op) ? c.op : ops[0];
                        form.setFieldValue([...listPath, item.name], { field: key, op, value: undefined, values: [], years: undefined });
                      }}
                      data-testid={`${p}-field`}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={6}>
                  <Form.Item name={[item.name, 'op']} label={t('ledgers.kinds.rule.op')} rules={[{ required: true, message: t('common.required') }]}>
                    <Select options={opsFor(field?.type).map((op) => ({ value: op, label: code.op(op) }))} data-testid={`${p}-op`} />
                  </Form.Item>
                </Col>
                <Col xs={20} sm={8}>
                  <ConditionValue at={item.name} field={field} op={c.op} testId={`${p}-value`} />
                </Col>
                <Col xs={4} sm={2} className="hx-ledger-condition-remove">
                  {readOnly ? null : (
                    <Tooltip title={t('ledgers.kinds.remove')}>
                      <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(item.name)} data-testid={`${p}-remove`} />
                    </Tooltip>
                  )}
                </Col>
              </Row>
            );
          })}
          {readOnly ? null : (
            <Button type="dashed" icon={<PlusOutlined />} disabled={items.length >= max} onClick={() => add({ values: [] })} data-testid={addTestId}>
              {addLabel}
            </Button>
          )}
        </>
      )}
    </Form.List>
  );
}

/** The rule that makes an asset old, with its wording as the lists will show it, kept live while it is typed. */
export function RuleSection() {
  const t = useT();
  const { locale } = useLocale();
  const form = Form.useFormInstance<KindForm>();
  const values = (Form.useWatch((v: KindForm) => v, { form, preserve: true }) as KindForm | undefined) ?? {};
  const count = values.oldRule?.conditions?.length ?? 0;
  const rule = draftRule(values);
  const fields = (values.fields ?? []).map(formToField);
  return (
    <Card title={t('ledgers.kinds.section.rule')} className="hx-block" id="kind-rule" data-testid="kind-rule">
      <Typography.Paragraph type="secondary">{t('ledgers.kinds.ruleHelp')}</Typography.Paragraph>
      {count > 1 ? (
        <Form.Item name={['oldRule', 'match']} label={t('ledgers.kinds.rule.match')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'all', label: t('ledgers.kinds.rule.matchAll') },
              { value: 'any', label: t('ledgers.kinds.rule.matchAny') },
            ]}
            data-testid="rule-match"
          />
        </Form.Item>
      ) : null}
      <ConditionList
        listPath={['oldRule', 'conditions']}
        name={['oldRule', 'conditions']}
        testPrefix={(i) => `rule-${i}`}
        addTestId="rule-add-condition"
        addLabel={t('ledgers.kinds.rule.add')}
        max={10}
      />
      <Alert
        className="hx-ledger-rule-words"
        type={rule ? 'info' : 'warning'}
        showIcon
        title={t('ledgers.kinds.rule.inWords')}
        description={<span data-testid="rule-words">{rule ? describeRule({ fields }, rule, locale) : t('ledgers.kinds.rule.none')}</span>}
      />
    </Card>
  );
}
