import { useMemo, useState } from 'react';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Radio, Select, Space, Switch } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { INDICATOR_KINDS } from '../../../../shared/enums/plan';
import { api } from '../../../api/client';
import { applyApiError } from '../../../components/formErrors';
import { testId } from '../../../components/testId';
import { useT } from '../../../i18n/I18nProvider';
import { planKeys, usePlanMetrics, type IndicatorView, type MetricSummaryView } from '../api';

const COMPARATORS = ['≥', '>', '≈'] as const;

interface EditValues {
  name: string;
  nameEn: string;
  unit: string;
  kind: IndicatorView['kind'];
  comparator: IndicatorView['comparator'];
  hasBaseline: boolean;
  baselineYear?: number;
  baselineValue?: number | null;
  targets: { year: number; value: number }[];
  townBreakdown: boolean;
  source: IndicatorView['source'];
  metric?: string | null;
  lowerBoundMetric?: string | null;
  note?: string;
}

interface MetricOption {
  value: string;
  label: string;
  search: string;
  metric: MetricSummaryView;
}

/** One metric in a chooser: its name, what it counts and its unit, wrapping on a narrow screen. */
function MetricChoice({ metric }: { metric: MetricSummaryView }) {
  return (
    <div style={{ whiteSpace: 'normal', lineHeight: 1.4, padding: '2px 0' }}>
      <div style={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
        {metric.name}
        {metric.unit ? <span style={{ opacity: 0.65 }}>{` · ${metric.unit}`}</span> : null}
      </div>
      {metric.description !== metric.name ? <div style={{ fontSize: 12, opacity: 0.65 }}>{metric.description}</div> : null}
    </div>
  );
}

/**
 * A searchable chooser over the metrics the server lists. A bound name the list does not have (its module is
 * not installed here) stays shown as it is, so opening the editor never drops a binding.
 */
function MetricSelect({
  options,
  loading,
  current,
  allowClear,
  placeholder,
  chooserTestId,
  ...rest
}: {
  options: MetricOption[];
  loading: boolean;
  current: string | null;
  allowClear?: boolean;
  placeholder: string;
  chooserTestId: string;
  id?: string;
  value?: string | null;
  onChange?: (value: string | null) => void;
}) {
  const all =
    current && !options.some((o) => o.value === current)
      ? [...options, { value: current, label: current, search: current.toLowerCase(), metric: { name: current, description: current, unit: '' } }]
      : options;
  return (
    <Select<string | null, MetricOption>
      {...rest}
      value={rest.value ?? undefined}
      onChange={(v) => rest.onChange?.(v ?? null)}
      options={all}
      loading={loading}
      allowClear={allowClear}
      placeholder={placeholder}
      showSearch={{ filterOption: (input, option) => !!option && option.search.includes(input.trim().toLowerCase()) }}
      optionRender={(option) => <MetricChoice metric={option.data.metric} />}
      style={{ width: '100%' }}
      {...testId(chooserTestId)}
    />
  );
}

/** The office edits an indicator; only what changed is sent, and the server keeps each change as a revision. */
export function EditIndicatorModal({ indicator, onClose }: { indicator: IndicatorView; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<EditValues>();
  const [error, setError] = useState<string | null>(null);
  const hasBaseline = Form.useWatch('hasBaseline', form);
  const source = Form.useWatch('source', form) ?? indicator.source;
  const metrics = usePlanMetrics();
  const metricOptions = useMemo<MetricOption[]>(
    () =>
      (metrics.data ?? []).map((m) => ({
        value: m.name,
        label: m.name,
        search: `${m.name} ${m.description} ${m.unit}`.toLowerCase(),
        metric: m,
      })),
    [metrics.data],
  );
  const mutation = useMutation({
    mutationFn: (v: EditValues) => {
      const body: Record<string, unknown> = {};
      if (v.name.trim() !== indicator.name) body.name = v.name.trim();
      if (v.nameEn.trim() !== indicator.nameEn) body.nameEn = v.nameEn.trim();
      if (v.unit.trim() !== indicator.unit) body.unit = v.unit.trim();
      if (v.kind !== indicator.kind) body.kind = v.kind;
      if (v.comparator !== indicator.comparator) body.comparator = v.comparator;
      const baseline = v.hasBaseline && v.baselineYear ? { year: v.baselineYear, value: v.baselineValue ?? null } : null;
      if (JSON.stringify(baseline) !== JSON.stringify(indicator.baseline)) body.baseline = baseline;
      const targets = v.targets.map((x) => ({ year: x.year, value: x.value }));
      if (JSON.stringify(targets) !== JSON.stringify(indicator.targets)) body.targets = targets;
      if (v.townBreakdown !== indicator.townBreakdown) body.townBreakdown = v.townBreakdown;
      // The server's rule: a computed indicator has a metric and no lower bound; a reported one the reverse.
      const metric = v.source === 'computed' ? (v.metric ?? null) : null;
      const lowerBoundMetric = v.source === 'reported' ? (v.lowerBoundMetric ?? null) : null;
      if (v.source !== indicator.source) body.source = v.source;
      if (metric !== indicator.metric) body.metric = metric;
      if (lowerBoundMetric !== indicator.lowerBoundMetric) body.lowerBoundMetric = lowerBoundMetric;
      if (Object.keys(body).length === 0) return Promise.resolve(indicator);
      if (v.note?.trim()) body.note = v.note.trim();
      return api.patch<IndicatorView>(`/api/indicators/${indicator.id}`, body);
    },
    onSuccess: async () => {
      message.success(t('plan.edit.saved'));
      await queryClient.invalidateQueries({ queryKey: planKeys.all });
      onClose();
    },
    onError: (e) => setError(applyApiError(form, e, { 'baseline.year': 'baselineYear', 'baseline.value': 'baselineValue', baseline: 'baselineYear' })),
  });
  return (
    <Modal
      open
      width={640}
      title={t('plan.edit.title', { code: indicator.code })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: mutation.isPending, ...testId('indicator-edit-ok') }}
      onCancel={onClose}
      onOk={() => void form.submit()}
      destroyOnHidden
      data-testid="indicator-edit-modal"
    >
      {error ? <Alert type="error" showIcon title={error} className="hx-form-alert" /> : null}
      <Form<EditValues>
        form={form}
        layout="vertical"
        initialValues={{
          name: indicator.name,
          nameEn: indicator.nameEn,
          unit: indicator.unit,
          kind: indicator.kind,
          comparator: indicator.comparator,
          hasBaseline: indicator.baseline !== null,
          baselineYear: indicator.baseline?.year,
          baselineValue: indicator.baseline?.value ?? null,
          targets: indicator.targets,
          townBreakdown: indicator.townBreakdown,
          source: indicator.source,
          metric: indicator.metric,
          lowerBoundMetric: indicator.lowerBoundMetric,
        }}
        onFinish={(v) => mutation.mutate(v)}
      >
        <Form.Item name="name" label={t('plan.field.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input maxLength={200} data-testid="edit-name" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('plan.field.nameEn')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="unit" label={t('plan.field.unit')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input maxLength={20} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="kind" label={t('plan.field.kind')}>
            <Select style={{ width: 160 }} options={INDICATOR_KINDS.map((k) => ({ value: k, label: t(`plan.kind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="comparator" label={t('plan.field.comparator')}>
            <Select style={{ width: 90 }} options={COMPARATORS.map((c) => ({ value: c, label: c }))} />
          </Form.Item>
        </Space>
        <Form.Item name="hasBaseline" label={t('plan.field.baseline')} valuePropName="checked">
          <Switch />
        </Form.Item>
        {hasBaseline ? (
          <Space wrap align="start">
            <Form.Item name="baselineYear" label={t('plan.field.baselineYear')} rules={[{ required: true, message: t('common.required') }]}>
              <InputNumber min={1949} max={2100} style={{ width: 140 }} />
            </Form.Item>
            <Form.Item name="baselineValue" label={t('plan.field.baselineValue')} extra={t('plan.edit.baselineEmpty')}>
              <InputNumber style={{ width: 180 }} />
            </Form.Item>
          </Space>
        ) : null}
        <Form.Item label={t('plan.field.targets')} required>
          <Form.List name="targets">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, i) => (
                  <Space key={field.key} align="baseline" wrap>
                    <Form.Item name={[field.name, 'year']} rules={[{ required: true, message: t('common.required') }]}>
                      <InputNumber min={1949} max={2100} placeholder={t('plan.field.year')} style={{ width: 120 }} data-testid={`edit-target-year-${i}`} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'value']} rules={[{ required: true, message: t('common.required') }]}>
                      <InputNumber placeholder={t('plan.field.target')} style={{ width: 160 }} data-testid={`edit-target-value-${i}`} />
                    </Form.Item>
                    {fields.length > 1 ? <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('plan.edit.removeTarget')} /> : null}
                  </Space>
                ))}
                <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />}>
                  {t('plan.edit.addTarget')}
                </Button>
              </>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item name="townBreakdown" label={t('plan.field.townBreakdown')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="source" label={t('plan.field.source')}>
          <Radio.Group
            optionType="button"
            options={(['reported', 'computed'] as const).map((x) => ({ value: x, label: t(`plan.source.${x}`) }))}
            {...testId('indicator-source')}
          />
        </Form.Item>
        {source === 'computed' ? (
          <Form.Item name="metric" label={t('plan.field.metric')} extra={t('plan.edit.metricHelp')} rules={[{ required: true, message: t('common.required') }]}>
            <MetricSelect
              options={metricOptions}
              loading={metrics.isLoading}
              current={indicator.metric}
              placeholder={t('plan.edit.metricSearch')}
              chooserTestId="indicator-metric"
            />
          </Form.Item>
        ) : (
          <Form.Item name="lowerBoundMetric" label={t('plan.field.lowerBoundMetric')} extra={t('plan.edit.lowerBoundHelp')}>
            <MetricSelect
              options={metricOptions}
              loading={metrics.isLoading}
              current={indicator.lowerBoundMetric}
              allowClear
              placeholder={t('plan.edit.noLowerBound')}
              chooserTestId="indicator-lower-bound-metric"
            />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('plan.edit.note')} extra={t('plan.edit.noteHint')}>
          <Input.TextArea rows={2} maxLength={500} data-testid="edit-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
