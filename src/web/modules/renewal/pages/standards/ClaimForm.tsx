import { useEffect, useState } from 'react';
import { Alert, App, Button, Drawer, Form, Input } from 'antd';
import type { ClaimModel } from '../../../../../shared/enums/renewalStandards';
import { useUser } from '../../../../auth/AuthProvider';
import { EvidenceUpload, type EvidenceFile } from '../../../../components/EvidenceUpload';
import { OrganizationSelect } from '../../../../components/OrganizationSelect';
import { useFormSubmit } from '../../../../components/formErrors';
import { useIsPhone } from '../../../../components/useMediaQuery';
import { useT } from '../../../../i18n/I18nProvider';
import { useSaveClaim, type ClaimDetailView } from './api';
import { useModelFaces } from './models';

type Values = Record<string, unknown> & { organizationId?: number; note?: string };

/**
 * Records or edits a record of a model with its evidence files (uploaded here, cited by id). A confirmer recording
 * for a body without an account picks the organisation; an enterprise records its own.
 */
export function ClaimForm({
  model,
  open,
  record,
  onClose,
  onSaved,
}: {
  model: ClaimModel;
  open: boolean;
  record: ClaimDetailView | null;
  onClose: () => void;
  onSaved: (v: ClaimDetailView) => void;
}) {
  const t = useT();
  const user = useUser();
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const face = useModelFaces()[model];
  const save = useSaveClaim();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<EvidenceFile[]>([]);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (record) form.setFieldsValue({ ...face.toForm(record), note: record.note ?? undefined });
    setFiles(record ? record.evidence.map((e) => ({ id: e.id, filename: e.filename, sizeBytes: e.sizeBytes })) : []);
    // The form is filled once per opening; `face` is rebuilt every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, record, form]);
  const { saving, error, submit } = useFormSubmit<Values>(
    form,
    async (v) => {
      const body = {
        ...face.toBody(v),
        ...(user.role !== 'enterprise' && !record ? { organizationId: v.organizationId } : {}),
        note: v.note?.trim() || null,
        evidence: files.map((f) => f.id),
      };
      const saved = await save(model, record?.id ?? null, body);
      void message.success(t('renewal.std.saved'));
      onSaved(saved);
    },
    { rdFen: 'rd', revenueFen: 'revenue' },
  );
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={isPhone ? '100%' : 560}
      title={record ? t('renewal.std.edit') : t(`renewal.std.new.${model}`)}
      destroyOnHidden
      extra={
        <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="claim-save">
          {t('common.save')}
        </Button>
      }
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="claim-form-error" />}
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} data-testid="claim-form">
        {user.role !== 'enterprise' && !record ? (
          <Form.Item name="organizationId" label={t('renewal.std.organizationOnBehalf')} rules={[{ required: true }]}>
            <OrganizationSelect status="active" testId="claim-organization" />
          </Form.Item>
        ) : null}
        {face.fields}
        <Form.Item label={t('renewal.std.evidence')} extra={t('renewal.std.evidenceHelp')} name="evidence">
          <EvidenceUpload value={files} onChange={setFiles} max={20} testId="claim-evidence-upload" />
        </Form.Item>
        <Form.Item name="note" label={t('renewal.std.field.note')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
