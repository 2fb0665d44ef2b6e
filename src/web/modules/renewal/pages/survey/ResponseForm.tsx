import { useEffect } from 'react';
import { Alert, App, Button, Checkbox, Form, Input, InputNumber, Radio, Space } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useFormSubmit } from '../../../../components/formErrors';
import { useT } from '../../../../i18n/I18nProvider';
import { useDictionary } from '../../../platform/dictionaries/useDictionary';
import { saveResponse, submitResponse, surveyKeys, type RegisterRowView, type ResponseAnswers } from './api';

interface Values {
  hasRdTools: boolean;
  rdTools: string[];
  keyProcesses: number;
  cncProcesses: number;
  transformed: boolean;
  transformationNote?: string;
  app5gCount: number;
  app5gNames?: string;
}

/**
 * The survey's answers for one register row: saved as a draft, or saved and submitted to the town. The server
 * checks every field (CNC within the key processes, tools from the dictionary) and its reasons land on the fields.
 */
export function ResponseForm({ row, onDone }: { row: RegisterRowView; onDone?: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const tools = useDictionary('renewal_digital_rd_tool');
  const [form] = Form.useForm<Values>();
  const a = row.response?.answers;
  useEffect(() => {
    form.setFieldsValue(
      a
        ? { ...a, transformationNote: a.transformationNote ?? undefined, app5gNames: a.app5gNames ?? undefined }
        : { hasRdTools: undefined as unknown as boolean, rdTools: [], app5gCount: 0 },
    );
  }, [a, form]);
  const hasTools = Form.useWatch('hasRdTools', form);
  const transformed = Form.useWatch('transformed', form);
  const apps = Form.useWatch('app5gCount', form);
  const toAnswers = (v: Values): ResponseAnswers => ({
    hasRdTools: v.hasRdTools,
    rdTools: v.hasRdTools ? (v.rdTools ?? []) : [],
    keyProcesses: v.keyProcesses,
    cncProcesses: v.cncProcesses,
    transformed: v.transformed,
    ...(v.transformed && v.transformationNote ? { transformationNote: v.transformationNote } : {}),
    app5gCount: v.app5gCount ?? 0,
    ...(v.app5gCount > 0 && v.app5gNames ? { app5gNames: v.app5gNames } : {}),
  });
  const { saving, error, submit } = useFormSubmit<{ values: Values; andSubmit: boolean }>(form, async ({ values, andSubmit }) => {
    const saved = await saveResponse(row.id, toAnswers(values));
    if (andSubmit && saved.response) await submitResponse(saved.response.id);
    await qc.invalidateQueries({ queryKey: surveyKeys.all });
    void message.success(t(andSubmit ? 'renewal.survey.submitted' : 'renewal.survey.saved'));
    onDone?.();
  });
  const run = (andSubmit: boolean) => {
    form
      .validateFields()
      .then((values) => submit({ values, andSubmit }))
      .catch(() => undefined);
  };
  const required = [{ required: true, message: t('common.required') }];
  return (
    <Form form={form} layout="vertical" className="hx-survey-form" data-testid="survey-form" disabled={saving}>
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
      <Form.Item name="hasRdTools" label={t('renewal.survey.field.hasRdTools')} rules={required}>
        <Radio.Group data-testid="survey-hasRdTools">
          <Radio value={true}>{t('common.yes')}</Radio>
          <Radio value={false}>{t('common.no')}</Radio>
        </Radio.Group>
      </Form.Item>
      {hasTools ? (
        <Form.Item name="rdTools" label={t('renewal.survey.field.rdTools')} rules={required}>
          <Checkbox.Group options={tools.options.map((o) => ({ value: o.value, label: o.label }))} data-testid="survey-rdTools" />
        </Form.Item>
      ) : null}
      <Space wrap align="start">
        <Form.Item name="keyProcesses" label={t('renewal.survey.field.keyProcesses')} rules={required}>
          <InputNumber min={0} precision={0} data-testid="survey-keyProcesses" />
        </Form.Item>
        <Form.Item name="cncProcesses" label={t('renewal.survey.field.cncProcesses')} rules={required}>
          <InputNumber min={0} precision={0} data-testid="survey-cncProcesses" />
        </Form.Item>
      </Space>
      <Form.Item name="transformed" label={t('renewal.survey.field.transformed')} rules={required}>
        <Radio.Group data-testid="survey-transformed">
          <Radio value={true}>{t('common.yes')}</Radio>
          <Radio value={false}>{t('common.no')}</Radio>
        </Radio.Group>
      </Form.Item>
      {transformed ? (
        <Form.Item name="transformationNote" label={t('renewal.survey.field.transformationNote')} rules={required}>
          <Input.TextArea rows={2} maxLength={500} data-testid="survey-transformationNote" />
        </Form.Item>
      ) : null}
      <Form.Item name="app5gCount" label={t('renewal.survey.field.app5gCount')} rules={required}>
        <InputNumber min={0} precision={0} data-testid="survey-app5gCount" />
      </Form.Item>
      {apps > 0 ? (
        <Form.Item name="app5gNames" label={t('renewal.survey.field.app5gNames')} rules={required}>
          <Input maxLength={500} data-testid="survey-app5gNames" />
        </Form.Item>
      ) : null}
      <Space wrap>
        <Button onClick={() => run(false)} loading={saving} data-testid="survey-save">
          {t('renewal.survey.saveDraft')}
        </Button>
        <Button type="primary" onClick={() => run(true)} loading={saving} data-testid="survey-submit">
          {t('renewal.survey.saveSubmit')}
        </Button>
      </Space>
    </Form>
  );
}
