import { Button, Card, Col, Form, Input, Row, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useT } from '../../../../i18n/I18nProvider';
import { EVENT_EFFECTS } from '../../../../../shared/ledgers/definition';
import { useEditor } from './editorContext';
import { EVENT_FIELD_TYPES, FieldList } from './FieldsSection';
import type { EventForm, FieldForm } from './formModel';
import { KEY_PATTERN, LabelInputs, ListItem, useCodes, useLabelOf, useOptionLabel } from './parts';

/**
 * The renewal events of the kind: what each does to its asset (its effect), what it records besides its date
 * (its own smaller field list) and which asset fields it may change. A saved event type stays (events use it).
 */
export function EventsSection() {
  const t = useT();
  const code = useCodes();
  const { readOnly } = useEditor();
  const labelOf = useLabelOf();
  const optionLabel = useOptionLabel();
  const form = Form.useFormInstance();
  const events = (Form.useWatch('events', { form, preserve: true }) as EventForm[] | undefined) ?? [];
  const fields = ((Form.useWatch('fields', { form, preserve: true }) as FieldForm[] | undefined) ?? []).filter((f) => f?.key && !f.retired);
  return (
    <Card title={t('ledgers.kinds.section.events')} className="hx-block" id="kind-events" data-testid="kind-events">
      <Typography.Paragraph type="secondary">{t('ledgers.kinds.eventsHelp')}</Typography.Paragraph>
      <Form.List name="events">
        {(items, { add, remove }) => (
          <>
            {items.map((item) => {
              const i = item.name;
              const e = events[i] ?? {};
              return (
                <ListItem
                  key={item.key}
                  testId={`event-${i}-row`}
                  title={
                    <Space size={4} wrap>
                      <Typography.Text type="secondary">#{i + 1}</Typography.Text>
                      <Typography.Text strong>{labelOf(e.label) || e.code || t('ledgers.kinds.event.new')}</Typography.Text>
                      {e.effect ? <Tag color="purple">{code.effect(e.effect)}</Tag> : null}
                      {!e.saved ? <Tag color="green">{t('ledgers.kinds.unsaved')}</Tag> : null}
                    </Space>
                  }
                  actions={
                    readOnly || e.saved ? null : (
                      <Tooltip title={t('ledgers.kinds.remove')}>
                        <Button type="text" size="small" danger icon={<DeleteOutlined />} onClick={() => remove(i)} data-testid={`event-${i}-remove`} />
                      </Tooltip>
                    )
                  }
                >
                  <Row gutter={8}>
                    <Col xs={24} sm={12} md={6}>
                      <Form.Item
                        name={[i, 'code']}
                        label={t('ledgers.kinds.code')}
                        rules={[
                          { required: true, message: t('common.required') },
                          { pattern: KEY_PATTERN, message: t('ledgers.kinds.keyRule') },
                        ]}
                      >
                        <Input maxLength={40} disabled={e.saved} data-testid={`event-${i}-code`} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={12} md={6}>
                      <Form.Item name={[i, 'effect']} label={t('ledgers.kinds.event.effect')} rules={[{ required: true, message: t('common.required') }]}>
                        <Select options={EVENT_EFFECTS.map((x) => ({ value: x, label: code.effect(x) }))} data-testid={`event-${i}-effect`} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={12}>
                      <LabelInputs name={[i, 'label']} testPrefix={`event-${i}-label`} />
                    </Col>
                  </Row>
                  <Form.Item name={[i, 'changes']} label={t('ledgers.kinds.event.changes')} extra={t('ledgers.kinds.event.changesHelp')}>
                    <Select
                      mode="multiple"
                      maxCount={10}
                      showSearch={{ optionFilterProp: 'label' }}
                      options={fields.map((f) => ({ value: f.key!, label: optionLabel(f) }))}
                      data-testid={`event-${i}-changes`}
                    />
                  </Form.Item>
                  <div className="hx-ledger-subfields">
                    <Typography.Text strong>{t('ledgers.kinds.event.fields')}</Typography.Text>
                    <Typography.Paragraph type="secondary" className="hx-ledger-hint">
                      {t('ledgers.kinds.event.fieldsHelp')}
                    </Typography.Paragraph>
                    <FieldList
                      listPath={['events', i, 'fields']}
                      name={[i, 'fields']}
                      testPrefix={(j) => `event-${i}-field-${j}`}
                      addTestId={`event-${i}-field-add`}
                      types={EVENT_FIELD_TYPES}
                      withUnique={false}
                      max={8}
                    />
                  </div>
                </ListItem>
              );
            })}
            {readOnly ? null : (
              <Button
                type="dashed"
                block
                icon={<PlusOutlined />}
                disabled={items.length >= 10}
                onClick={() => add({ label: { zh: '', en: '' }, fields: [], changes: [] })}
                data-testid="event-add"
              >
                {t('ledgers.kinds.event.add')}
              </Button>
            )}
          </>
        )}
      </Form.List>
    </Card>
  );
}
