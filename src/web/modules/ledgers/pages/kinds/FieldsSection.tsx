import { AutoComplete, Button, Card, Checkbox, Col, Form, Input, InputNumber, Row, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined, StopOutlined, UndoOutlined } from '@ant-design/icons';
import { useT } from '../../../../i18n/I18nProvider';
import { FIELD_TYPES, isNumericType, type FieldType } from '../../../../../shared/ledgers/definition';
import { patternProblem } from '../../../../../shared/ledgers/problems';
import { useEditor } from './editorContext';
import type { FieldForm } from './formModel';
import { KEY_PATTERN, LabelInputs, ListItem, useCodes, useLabelOf } from './parts';

export const EVENT_FIELD_TYPES: readonly FieldType[] = ['text', 'integer', 'decimal', 'money', 'date', 'dictionary'];

/** The checks a field of this type takes: bounds and unit for numbers, decimals, dictionary, length and pattern, not in future. */
function FieldChecks({ at, type, testPrefix }: { at: number; type: FieldType | undefined; testPrefix: string }) {
  const t = useT();
  const { readOnly, dictionaries } = useEditor();
  if (!type) return null;
  const money = type === 'money';
  return (
    <>
      {isNumericType(type) ? (
        <>
          <Col xs={12} sm={6} md={4}>
            <Form.Item name={[at, 'min']} label={money ? t('ledgers.kinds.field.minYuan') : t('ledgers.kinds.field.min')}>
              <InputNumber style={{ width: '100%' }} step={money ? 0.01 : 1} data-testid={`${testPrefix}-min`} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6} md={4}>
            <Form.Item name={[at, 'max']} label={money ? t('ledgers.kinds.field.maxYuan') : t('ledgers.kinds.field.max')}>
              <InputNumber style={{ width: '100%' }} step={money ? 0.01 : 1} data-testid={`${testPrefix}-max`} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6} md={4}>
            <Form.Item name={[at, 'unit']} label={t('ledgers.kinds.unit')}>
              <Input maxLength={20} placeholder={money ? '元' : '㎡, km, 台'} data-testid={`${testPrefix}-unit`} />
            </Form.Item>
          </Col>
        </>
      ) : null}
      {type === 'decimal' ? (
        <Col xs={12} sm={6} md={4}>
          <Form.Item name={[at, 'decimals']} label={t('ledgers.kinds.field.decimals')} extra={t('ledgers.kinds.field.decimalsHelp')}>
            <InputNumber min={0} max={6} precision={0} style={{ width: '100%' }} data-testid={`${testPrefix}-decimals`} />
          </Form.Item>
        </Col>
      ) : null}
      {type === 'dictionary' ? (
        <Col xs={24} sm={12} md={8}>
          <Form.Item
            name={[at, 'dictionary']}
            label={t('ledgers.kinds.field.dictionary')}
            rules={[
              { required: true, message: t('common.required') },
              { pattern: /^[a-z][a-zA-Z0-9_.]{1,59}$/, message: t('ledgers.kinds.dictionaryCodeRule') },
            ]}
            extra={dictionaries.length ? undefined : t('ledgers.kinds.field.dictionaryHelp')}
          >
            <AutoComplete
              options={dictionaries}
              disabled={readOnly}
              showSearch={{ filterOption: (input, o) => `${o?.value ?? ''} ${String(o?.label ?? '')}`.toLowerCase().includes(input.toLowerCase()) }}
            >
              <Input maxLength={60} data-testid={`${testPrefix}-dictionary`} />
            </AutoComplete>
          </Form.Item>
        </Col>
      ) : null}
      {type === 'text' ? (
        <>
          <Col xs={12} sm={6} md={4}>
            <Form.Item name={[at, 'maxLength']} label={t('ledgers.kinds.field.maxLength')}>
              <InputNumber min={1} max={500} precision={0} style={{ width: '100%' }} placeholder="200" data-testid={`${testPrefix}-maxLength`} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={8}>
            <Form.Item
              name={[at, 'pattern']}
              label={t('ledgers.kinds.field.pattern')}
              extra={t('ledgers.kinds.field.patternHelp')}
              rules={[
                {
                  validator: (_, v?: string) => {
                    const p = v?.trim() ? patternProblem(v.trim()) : null;
                    return p
                      ? Promise.reject(new Error(t(p === 'field.ledgers.patternUnsafe' ? 'ledgers.kinds.patternUnsafe' : 'ledgers.kinds.patternInvalid')))
                      : Promise.resolve();
                  },
                },
              ]}
            >
              <Input maxLength={100} placeholder="[A-Z]{2}\d{6}" data-testid={`${testPrefix}-pattern`} />
            </Form.Item>
          </Col>
        </>
      ) : null}
      {type === 'date' ? (
        <Col xs={24} sm={12} md={6}>
          <Form.Item name={[at, 'notInFuture']} valuePropName="checked" label={t('ledgers.kinds.field.dateCheck')}>
            <Checkbox data-testid={`${testPrefix}-notInFuture`}>{t('ledgers.kinds.field.notInFuture')}</Checkbox>
          </Form.Item>
        </Col>
      ) : null}
    </>
  );
}

/**
 * One field of the list: key, labels, type (fixed once saved), required and unique, and its type's checks.
 * `listPath` is the list's absolute path in the form (`['fields']`, `['events', 0, 'fields']`).
 */
export function FieldRow({
  listPath,
  index,
  count,
  testPrefix,
  types,
  withUnique,
  onMove,
  onRemove,
}: {
  listPath: (string | number)[];
  index: number;
  count: number;
  testPrefix: string;
  types: readonly FieldType[];
  withUnique: boolean;
  onMove: (from: number, to: number) => void;
  onRemove: (index: number) => void;
}) {
  const t = useT();
  const code = useCodes();
  const labelOf = useLabelOf();
  const { readOnly } = useEditor();
  const form = Form.useFormInstance();
  const field = (Form.useWatch([...listPath, index], { form, preserve: true }) as FieldForm | undefined) ?? {};
  const at = index;
  const saved = Boolean(field.slot);
  const retired = Boolean(field.retired);
  const setRetired = (value: boolean) => form.setFieldValue([...listPath, index, 'retired'], value);
  const actions = readOnly ? null : (
    <Space size={0}>
      <Tooltip title={t('ledgers.kinds.moveUp')}>
        <Button
          type="text"
          size="small"
          icon={<ArrowUpOutlined />}
          disabled={index === 0}
          onClick={() => onMove(index, index - 1)}
          data-testid={`${testPrefix}-up`}
        />
      </Tooltip>
      <Tooltip title={t('ledgers.kinds.moveDown')}>
        <Button
          type="text"
          size="small"
          icon={<ArrowDownOutlined />}
          disabled={index === count - 1}
          onClick={() => onMove(index, index + 1)}
          data-testid={`${testPrefix}-down`}
        />
      </Tooltip>
      {saved ? (
        <Button
          size="small"
          type="text"
          icon={retired ? <UndoOutlined /> : <StopOutlined />}
          onClick={() => setRetired(!retired)}
          data-testid={`${testPrefix}-retire`}
        >
          {retired ? t('ledgers.kinds.field.unretire') : t('ledgers.kinds.field.retire')}
        </Button>
      ) : (
        <Tooltip title={t('ledgers.kinds.remove')}>
          <Button type="text" size="small" danger icon={<DeleteOutlined />} onClick={() => onRemove(index)} data-testid={`${testPrefix}-remove`} />
        </Tooltip>
      )}
    </Space>
  );
  return (
    <ListItem
      testId={`${testPrefix}-row`}
      muted={retired}
      title={
        <Space size={4} wrap>
          <Typography.Text type="secondary">#{index + 1}</Typography.Text>
          <Typography.Text strong>{labelOf(field.label) || field.key || t('ledgers.kinds.field.new')}</Typography.Text>
          {field.type ? <Tag>{code.type(field.type)}</Tag> : null}
          {retired ? <Tag color="orange">{t('ledgers.kinds.field.retired')}</Tag> : null}
          {!saved ? <Tag color="green">{t('ledgers.kinds.unsaved')}</Tag> : null}
        </Space>
      }
      actions={actions}
    >
      <Form.Item name={[at, 'retired']} hidden valuePropName="checked">
        <Checkbox />
      </Form.Item>
      <Row gutter={8}>
        <Col xs={24} sm={12} md={6}>
          <Form.Item
            name={[at, 'key']}
            label={t('ledgers.kinds.field.key')}
            tooltip={t('ledgers.kinds.keyHelp')}
            rules={[
              { required: true, message: t('common.required') },
              { pattern: KEY_PATTERN, message: t('ledgers.kinds.keyRule') },
            ]}
          >
            <Input maxLength={40} disabled={saved} data-testid={`${testPrefix}-key`} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} md={6}>
          <Form.Item
            name={[at, 'type']}
            label={t('ledgers.kinds.field.type')}
            rules={[{ required: true, message: t('common.required') }]}
            extra={saved ? t('ledgers.kinds.field.typeFixed') : undefined}
          >
            <Select options={types.map((ty) => ({ value: ty, label: code.type(ty) }))} disabled={saved} data-testid={`${testPrefix}-type`} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <LabelInputs name={[at, 'label']} testPrefix={`${testPrefix}-label`} />
        </Col>
      </Row>
      <Row gutter={8}>
        <Col xs={24} sm={12} md={6}>
          <Form.Item label={t('ledgers.kinds.field.flags')}>
            <Space size={12} wrap>
              <Form.Item name={[at, 'required']} valuePropName="checked" noStyle>
                <Checkbox data-testid={`${testPrefix}-required`}>{t('ledgers.kinds.field.required')}</Checkbox>
              </Form.Item>
              {withUnique ? (
                <Form.Item name={[at, 'unique']} valuePropName="checked" noStyle>
                  <Checkbox data-testid={`${testPrefix}-unique`} disabled={field.type === 'file' || field.type === 'coordinates'}>
                    {t('ledgers.kinds.field.unique')}
                  </Checkbox>
                </Form.Item>
              ) : null}
            </Space>
          </Form.Item>
        </Col>
        <FieldChecks at={at} type={field.type} testPrefix={testPrefix} />
      </Row>
    </ListItem>
  );
}

/** A list of fields (the kind's, or an event type's smaller one), with its add button. */
export function FieldList({
  listPath,
  name,
  testPrefix,
  addTestId,
  types,
  withUnique,
  max,
}: {
  listPath: (string | number)[];
  /** The Form.List name relative to where it sits. */
  name: string | (string | number)[];
  testPrefix: (i: number) => string;
  addTestId: string;
  types: readonly FieldType[];
  withUnique: boolean;
  max: number;
}) {
  const t = useT();
  const { readOnly } = useEditor();
  return (
    <Form.List name={name}>
      {(items, { add, remove, move }) => (
        <>
          {items.map((item) => (
            <FieldRow
              key={item.key}
              listPath={listPath}
              index={item.name}
              count={items.length}
              testPrefix={testPrefix(item.name)}
              types={types}
              withUnique={withUnique}
              onMove={move}
              onRemove={remove}
            />
          ))}
          {readOnly ? null : (
            <Button
              type="dashed"
              block
              icon={<PlusOutlined />}
              disabled={items.length >= max}
              onClick={() => add({ type: 'text', required: false, unique: false, label: { zh: '', en: '' } })}
              data-testid={addTestId}
            >
              {t('ledgers.kinds.field.add')}
            </Button>
          )}
        </>
      )}
    </Form.List>
  );
}

/** The kind's fields. */
export function FieldsSection() {
  const t = useT();
  return (
    <Card title={t('ledgers.kinds.section.fields')} className="hx-block" id="kind-fields" data-testid="kind-fields">
      <Typography.Paragraph type="secondary">{t('ledgers.kinds.fieldsHelp')}</Typography.Paragraph>
      <FieldList listPath={['fields']} name="fields" testPrefix={(i) => `field-${i}`} addTestId="field-add" types={FIELD_TYPES} withUnique max={26} />
    </Card>
  );
}

export { FieldChecks };
