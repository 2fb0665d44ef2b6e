import { Button, Card, Checkbox, Col, Form, Input, InputNumber, Row, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useT } from '../../../../i18n/I18nProvider';
import { EVENT_EFFECTS, isNumericType, ledgerMetricName, type MetricMeasure } from '../../../../../shared/ledgers/definition';
import { useEditor } from './editorContext';
import type { EventForm, FieldForm, MetricForm } from './formModel';
import { KEY_PATTERN, LabelInputs, ListItem, useCodes, useLabelOf, useOptionLabel } from './parts';
import { ConditionList } from './RuleSection';

const MEASURES: MetricMeasure['kind'][] = ['inService', 'old', 'events', 'eventSum', 'addedSum', 'sum', 'share'];

/** The inputs a measure takes: effects for event counts, an event type and its field, an asset field, values. */
function MeasureParams({ at, metric, testPrefix }: { at: number; metric: MetricForm; testPrefix: string }) {
  const t = useT();
  const code = useCodes();
  const form = Form.useFormInstance();
  const fields = ((Form.useWatch('fields', { form, preserve: true }) as FieldForm[] | undefined) ?? []).filter((f) => f?.key);
  const events = ((Form.useWatch('events', { form, preserve: true }) as EventForm[] | undefined) ?? []).filter((e) => e?.code);
  const fieldLabel = useOptionLabel();
  const kind = metric.measure?.kind;
  const required = [{ required: true, message: t('common.required') }];
  const numeric = fields.filter((f) => f.type && isNumericType(f.type));
  const event = events.find((e) => e.code === metric.measure?.event);
  switch (kind) {
    case 'events':
      return (
        <Row gutter={8}>
          <Col xs={24} sm={16}>
            <Form.Item name={[at, 'measure', 'effects']} label={t('ledgers.kinds.metric.effects')} rules={required}>
              <Select mode="multiple" options={EVENT_EFFECTS.map((e) => ({ value: e, label: code.effect(e) }))} data-testid={`${testPrefix}-effects`} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name={[at, 'measure', 'oldOnly']} valuePropName="checked" label=" ">
              <Checkbox data-testid={`${testPrefix}-oldOnly`}>{t('ledgers.kinds.metric.oldOnly')}</Checkbox>
            </Form.Item>
          </Col>
        </Row>
      );
    case 'eventSum':
      return (
        <Row gutter={8}>
          <Col xs={24} sm={12}>
            <Form.Item name={[at, 'measure', 'event']} label={t('ledgers.kinds.metric.event')} rules={required}>
              <Select options={events.map((e) => ({ value: e.code!, label: fieldLabel(e) }))} data-testid={`${testPrefix}-event`} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name={[at, 'measure', 'field']} label={t('ledgers.kinds.metric.eventField')} rules={required}>
              <Select
                options={(event?.fields ?? []).filter((f) => f?.key && f.type && isNumericType(f.type)).map((f) => ({ value: f.key!, label: fieldLabel(f) }))}
                data-testid={`${testPrefix}-field`}
              />
            </Form.Item>
          </Col>
        </Row>
      );
    case 'addedSum':
    case 'sum':
      return (
        <Form.Item name={[at, 'measure', 'field']} label={t('ledgers.kinds.metric.field')} rules={required}>
          <Select options={numeric.map((f) => ({ value: f.key!, label: fieldLabel(f) }))} data-testid={`${testPrefix}-field`} />
        </Form.Item>
      );
    case 'share':
      return (
        <Row gutter={8}>
          <Col xs={24} sm={12}>
            <Form.Item name={[at, 'measure', 'field']} label={t('ledgers.kinds.metric.field')} rules={required}>
              <Select options={fields.map((f) => ({ value: f.key!, label: fieldLabel(f) }))} data-testid={`${testPrefix}-field`} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name={[at, 'measure', 'values']} label={t('ledgers.kinds.metric.values')} extra={t('ledgers.kinds.metric.valuesHelp')} rules={required}>
              <Select mode="tags" tokenSeparators={[',', '，']} open={false} suffixIcon={null} data-testid={`${testPrefix}-values`} />
            </Form.Item>
          </Col>
        </Row>
      );
    default:
      return null;
  }
}

/**
 * The figures the plan may bind an indicator to, each shown with the name the plan file uses
 * (`ledgers.<kind>.<metric>`). A saved metric stays: an indicator may be bound to it.
 */
export function MetricsSection({ kindCode }: { kindCode: string }) {
  const t = useT();
  const code = useCodes();
  const { readOnly } = useEditor();
  const form = Form.useFormInstance();
  const labelOf = useLabelOf();
  const metrics = (Form.useWatch('metrics', { form, preserve: true }) as MetricForm[] | undefined) ?? [];
  return (
    <Card title={t('ledgers.kinds.section.metrics')} className="hx-block" id="kind-metrics" data-testid="kind-metrics">
      <Typography.Paragraph type="secondary">{t('ledgers.kinds.metricsHelp')}</Typography.Paragraph>
      <Form.List name="metrics">
        {(items, { add, remove }) => (
          <>
            {items.map((item) => {
              const i = item.name;
              const m = metrics[i] ?? {};
              const metricName = kindCode && m.code ? ledgerMetricName(kindCode, m.code) : null;
              return (
                <ListItem
                  key={item.key}
                  testId={`metric-${i}-row`}
                  title={
                    <Space size={4} wrap>
                      <Typography.Text type="secondary">#{i + 1}</Typography.Text>
                      <Typography.Text strong>{labelOf(m.label) || m.code || t('ledgers.kinds.metric.new')}</Typography.Text>
                      {m.measure?.kind ? <Tag color="geekblue">{code.measure(m.measure.kind)}</Tag> : null}
                      {!m.saved ? <Tag color="green">{t('ledgers.kinds.unsaved')}</Tag> : null}
                    </Space>
                  }
                  actions={
                    readOnly || m.saved ? null : (
                      <Tooltip title={t('ledgers.kinds.remove')}>
                        <Button type="text" size="small" danger icon={<DeleteOutlined />} onClick={() => remove(i)} data-testid={`metric-${i}-remove`} />
                      </Tooltip>
                    )
                  }
                >
                  <div className="hx-ledger-metric-name">
                    <Typography.Text type="secondary">{t('ledgers.kinds.metric.name')}</Typography.Text>{' '}
                    {metricName ? (
                      <Typography.Text
                        code
                        copyable={{ text: metricName, tooltips: [t('common.copy'), t('ledgers.kinds.copied')] }}
                        data-testid={`metric-${i}-name`}
                      >
                        {metricName}
                      </Typography.Text>
                    ) : (
                      <Typography.Text type="secondary">{t('ledgers.kinds.metric.nameLater')}</Typography.Text>
                    )}
                  </div>
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
                        <Input maxLength={40} disabled={m.saved} data-testid={`metric-${i}-code`} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} sm={6} md={3}>
                      <Form.Item
                        name={[i, 'unit']}
                        label={t('ledgers.kinds.unit')}
                        rules={[{ required: true, whitespace: true, message: t('common.required') }]}
                      >
                        <Input maxLength={20} placeholder="台" data-testid={`metric-${i}-unit`} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} sm={6} md={3}>
                      <Form.Item name={[i, 'scale']} label={t('ledgers.kinds.metric.scale')} tooltip={t('ledgers.kinds.metric.scaleHelp')}>
                        <InputNumber min={0.000001} max={1e8} style={{ width: '100%' }} placeholder="1" data-testid={`metric-${i}-scale`} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={12}>
                      <LabelInputs name={[i, 'label']} testPrefix={`metric-${i}-label`} />
                    </Col>
                  </Row>
                  <Form.Item name={[i, 'measure', 'kind']} label={t('ledgers.kinds.metric.kind')} rules={[{ required: true, message: t('common.required') }]}>
                    <Select
                      options={MEASURES.map((k) => ({ value: k, label: `${code.measure(k)} — ${t(`ledgers.kinds.measureHelp.${k}`)}` }))}
                      optionRender={(o) => <span className="hx-ledger-wrap">{o.label}</span>}
                      labelRender={(o) => code.measure(o.value as MetricMeasure['kind'])}
                      data-testid={`metric-${i}-kind`}
                    />
                  </Form.Item>
                  <MeasureParams at={i} metric={m} testPrefix={`metric-${i}`} />
                  <div className="hx-ledger-subfields">
                    <Typography.Text strong>{t('ledgers.kinds.metric.where')}</Typography.Text>
                    <Typography.Paragraph type="secondary" className="hx-ledger-hint">
                      {t('ledgers.kinds.metric.whereHelp')}
                    </Typography.Paragraph>
                    <ConditionList
                      listPath={['metrics', i, 'where']}
                      name={[i, 'where']}
                      testPrefix={(j) => `metric-${i}-where-${j}`}
                      addTestId={`metric-${i}-where-add`}
                      addLabel={t('ledgers.kinds.rule.add')}
                      max={5}
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
                disabled={items.length >= 20}
                onClick={() => add({ label: { zh: '', en: '' }, measure: { kind: 'events', effects: [] }, where: [] })}
                data-testid="metric-add"
              >
                {t('ledgers.kinds.metric.add')}
              </Button>
            )}
          </>
        )}
      </Form.List>
    </Card>
  );
}
