import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Drawer, Form, Input, Skeleton, Space, Switch, Tag } from 'antd';
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api } from '../../../../api/client';
import { useFormSubmit } from '../../../../components/formErrors';
import { PageHeader } from '../../../../components/PageHeader';
import { WindowTag } from '../../../../components/ProgramWindow';
import { LoadError } from '../../../../components/ResultPages';
import { useIsPhone } from '../../../../components/useMediaQuery';
import { useT } from '../../../../i18n/I18nProvider';
import { useGrants } from '../../../platform/grants/useGrants';
import { useCarBudget, useCarProgram, type CarProgramView } from '../../api';
import { BudgetSection } from './BudgetSection';
import { RuleSection } from './RuleSection';
import { StatusActions } from './StatusActions';
import { WindowFields } from './ProgramCreatePage';
import './programs.css';
import { usePageParameters } from '../../../platform/parameters/usePageParameters';

export const STATUS_COLOR: Record<CarProgramView['status'], string> = { draft: 'default', active: 'green', suspended: 'orange', closed: 'default' };

/**
 * One car programme for 市商务局 and the office: its details and window, its status (activate, suspend, close),
 * its rule with every version, and its budget with the figures and the burn-down. Supervisors (市财政局, auditors)
 * read the same page without the buttons.
 */
export default function ProgramPage() {
  const t = useT();
  const { programEndingNoticeDays } = usePageParameters();
  const id = Number(useParams().id);
  const program = useCarProgram(id);
  const budget = useCarBudget(id);
  const grants = useGrants('cartradein');
  const [editing, setEditing] = useState(false);
  const [statusError, setStatusError] = useState<string | null>(null);
  const p = program.data;
  const canEdit = grants.manage && p !== undefined && p.status !== 'closed';
  return (
    <div data-testid="page-car-program" className="hx-car-admin">
      <PageHeader
        title={p?.name ?? t('car.admin.programTitle')}
        subtitle={
          p ? (
            <Space wrap size={4}>
              <Tag color={p.kind === 'scrapping' ? 'volcano' : 'blue'}>{t(`car.kind.${p.kind}`)}</Tag>
              <Tag color={STATUS_COLOR[p.status]} data-testid="car-program-status">
                {t(`car.admin.statusName.${p.status}`)}
              </Tag>
              {p.isExample ? <Tag>{t('car.example')}</Tag> : null}
              <span>{t('car.programs.window', { from: p.validFrom, to: p.validTo })}</span>
              <WindowTag program={p} noticeDays={programEndingNoticeDays} />
            </Space>
          ) : undefined
        }
        extra={
          <Space wrap size={8}>
            <Link to="/car/programs">
              <Button icon={<ArrowLeftOutlined />}>{t('car.admin.back')}</Button>
            </Link>
            {p && grants.manage ? <StatusActions program={p} budget={budget.data} onError={setStatusError} /> : null}
          </Space>
        }
      />
      {statusError ? (
        <Alert
          type="error"
          showIcon
          closable
          title={statusError}
          onClose={() => setStatusError(null)}
          className="hx-form-alert"
          data-testid="car-status-error"
        />
      ) : null}
      {program.isPending ? (
        <Skeleton active />
      ) : program.isError ? (
        <LoadError error={program.error} onRetry={() => void program.refetch()} />
      ) : (
        <>
          <Card
            title={t('car.admin.details')}
            className="hx-block"
            extra={
              canEdit ? (
                <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="car-program-edit">
                  {t('common.edit')}
                </Button>
              ) : null
            }
          >
            <Descriptions size="small" column={{ xs: 1, md: 2 }} data-testid="car-program-details">
              <Descriptions.Item label={t('car.admin.code')}>{program.data.code}</Descriptions.Item>
              <Descriptions.Item label={t('car.admin.kind')}>{t(`car.kind.${program.data.kind}`)}</Descriptions.Item>
              <Descriptions.Item label={t('car.admin.validFrom')}>{program.data.validFrom}</Descriptions.Item>
              <Descriptions.Item label={t('car.admin.validTo')}>{program.data.validTo}</Descriptions.Item>
              {program.data.sourceNote ? (
                <Descriptions.Item label={t('car.admin.sourceNote')} span={2}>
                  {program.data.sourceNote}
                </Descriptions.Item>
              ) : null}
            </Descriptions>
          </Card>
          <BudgetSection program={program.data} budget={budget} canEdit={grants.manage} />
          <RuleSection program={program.data} canEdit={canEdit} />
          {editing ? <DetailsEditor program={program.data} onClose={() => setEditing(false)} /> : null}
        </>
      )}
    </div>
  );
}

interface DetailsForm {
  name?: string;
  validFrom?: string;
  validTo?: string;
  isExample?: boolean;
  sourceNote?: string;
}

/** Name, window, example label and source note; the rule and the status have their own steps. */
function DetailsEditor({ program, onClose }: { program: CarProgramView; onClose: () => void }) {
  const t = useT();
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<DetailsForm>();
  const { saving, error, submit } = useFormSubmit(form, async (v: DetailsForm) => {
    await api.patch<CarProgramView>(`/api/tradein/car-programs/${program.id}`, {
      name: v.name!.trim(),
      validFrom: v.validFrom!,
      validTo: v.validTo!,
      isExample: v.isExample ?? false,
      sourceNote: v.sourceNote?.trim() ? v.sourceNote.trim() : null,
    });
    message.success(t('car.admin.saved'));
    void qc.invalidateQueries({ queryKey: ['cartradein', 'programs'] });
    onClose();
  });
  return (
    <Drawer
      open
      onClose={onClose}
      title={t('car.admin.editTitle', { name: program.name })}
      size={isPhone ? '100%' : 560}
      data-testid="car-program-editor"
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="car-program-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {error ? <Alert type="error" showIcon title={error} className="hx-form-alert" data-testid="car-program-error" /> : null}
      <Form<DetailsForm>
        form={form}
        layout="vertical"
        initialValues={{
          name: program.name,
          validFrom: program.validFrom,
          validTo: program.validTo,
          isExample: program.isExample,
          sourceNote: program.sourceNote ?? '',
        }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item
          name="name"
          label={t('car.admin.name')}
          rules={[
            { required: true, message: t('common.required') },
            { min: 2, max: 100, message: t('car.admin.nameRule') },
          ]}
        >
          <Input maxLength={100} data-testid="car-program-name" />
        </Form.Item>
        <WindowFields />
        <Form.Item name="isExample" label={t('car.admin.isExample')} valuePropName="checked" extra={t('car.admin.isExampleHelp')}>
          <Switch data-testid="car-program-is-example" />
        </Form.Item>
        <Form.Item name="sourceNote" label={t('car.admin.sourceNote')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
