import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Form, InputNumber, Modal, Select, Space, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../../api/client';
import { PageHeader } from '../../../components/PageHeader';
import { LoadError } from '../../../components/ResultPages';
import { errorMessage, useFormSubmit } from '../../../components/formErrors';
import { formatDateTime } from '../../../components/format';
import { testId } from '../../../components/testId';
import { useIsPhone } from '../../../components/useMediaQuery';
import { useLocale, useT } from '../../../i18n/I18nProvider';
import { parameterApi, parameterKeys, useParameterHistory, useParameters, type ParameterHistoryEntry, type ParameterView } from './api';

type Value = ParameterView['value'];

/**
 * The system parameters the modules declare, with their current value, default and bounds. 三员分立: the security
 * administrator changes the security parameters (time-out, lockout), the office the business ones; each row says
 * whether this user may (`canChange`, the server's policy), the server checks type and bounds and says which, on
 * the field. Everyone here reads the history from the audit trail. A stale version (someone saved first) is
 * refused and the list reloaded.
 */
export default function ParametersPage() {
  const t = useT();
  const { locale } = useLocale();
  const isPhone = useIsPhone();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const list = useParameters();
  const canEditAny = (list.data ?? []).some((p) => p.canChange);
  const [editing, setEditing] = useState<ParameterView | null>(null);
  const [historyOf, setHistoryOf] = useState<ParameterView | null>(null);
  const [form] = Form.useForm<{ value: Value }>();

  const text = (v: { 'zh-CN': string; en: string } | null) => (v ? v[locale] : '');
  const show = (p: ParameterView, v: Value | null): string => {
    if (v === null) return '—';
    if (p.type === 'boolean') return t(v === true ? 'parameters.yes' : 'parameters.no');
    if (p.type === 'enum') return text(p.values?.find((x) => x.value === v)?.label ?? null) || String(v);
    const unit = p.type === 'duration' ? t('parameters.minutes') : text(p.unit);
    return unit ? `${v} ${unit}` : String(v);
  };

  function replace(saved: ParameterView) {
    qc.setQueryData<ParameterView[]>(parameterKeys.list, (old) => old?.map((p) => (p.key === saved.key ? saved : p)));
    void qc.invalidateQueries({ queryKey: parameterKeys.history(saved.key) });
  }

  const save = useFormSubmit<{ value: Value }>(form, async (v) => {
    if (!editing) return;
    try {
      replace(await parameterApi.set(editing.key, v.value, editing.version));
    } catch (e) {
      if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') void list.refetch();
      throw e;
    }
    message.success(t('parameters.saved'));
    setEditing(null);
  });

  function reset(p: ParameterView) {
    modal.confirm({
      title: t('parameters.reset'),
      content: t('parameters.resetConfirm', { name: text(p.label), value: show(p, p.defaultValue) }),
      okText: t('parameters.reset'),
      okButtonProps: { ...testId('parameter-reset-confirm') },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          replace(await parameterApi.reset(p.key, p.version));
          message.success(t('parameters.resetDone'));
        } catch (e) {
          if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') void list.refetch();
          message.error(errorMessage(e));
        }
      },
    });
  }

  const columns: TableColumnsType<ParameterView> = [
    {
      key: 'name',
      title: t('parameters.name'),
      render: (_, p) => (
        <div style={{ maxWidth: isPhone ? 200 : 420, whiteSpace: 'normal' }}>
          <Space size="small">
            <span>{text(p.label)}</span>
            {p.security ? <Tag color="purple">{t('parameters.security')}</Tag> : null}
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {isPhone ? p.key : `${text(p.description)} · ${p.key}`}
          </Typography.Text>
        </div>
      ),
    },
    {
      key: 'value',
      title: t('parameters.value'),
      render: (_, p) => (
        <Space size="small" data-testid={`parameter-value-${p.key}`}>
          <span>{show(p, p.value)}</span>
          {p.overridden ? <Tag color="blue">{t('parameters.overridden')}</Tag> : null}
        </Space>
      ),
    },
    ...(isPhone
      ? []
      : [
          { key: 'default', title: t('parameters.default'), render: (_: unknown, p: ParameterView) => show(p, p.defaultValue) },
          {
            key: 'bounds',
            title: t('parameters.bounds'),
            render: (_: unknown, p: ParameterView) =>
              p.min !== null && p.max !== null
                ? t('parameters.range', { min: p.min, max: p.max })
                : p.values
                  ? p.values.map((v) => text(v.label)).join(' / ')
                  : '—',
          },
          {
            key: 'updated',
            title: t('parameters.updated'),
            render: (_: unknown, p: ParameterView) =>
              p.updatedAt ? (
                <div>
                  <div>{formatDateTime(p.updatedAt)}</div>
                  <Typography.Text type="secondary">{p.updatedBy ?? '—'}</Typography.Text>
                </div>
              ) : (
                '—'
              ),
          },
        ]),
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, p) => (
        <Space size="small" wrap>
          {p.canChange ? (
            <Button
              size="small"
              type="primary"
              onClick={() => {
                form.resetFields();
                form.setFieldsValue({ value: p.value });
                setEditing(p);
              }}
              data-testid={`parameter-edit-${p.key}`}
            >
              {t('parameters.edit')}
            </Button>
          ) : null}
          {p.canChange ? (
            <Button size="small" disabled={!p.overridden} onClick={() => reset(p)} data-testid={`parameter-reset-${p.key}`}>
              {t('parameters.reset')}
            </Button>
          ) : null}
          <Button size="small" onClick={() => setHistoryOf(p)} data-testid={`parameter-history-${p.key}`}>
            {t('parameters.history')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="page-parameters">
      <PageHeader title={t('parameters.nav')} subtitle={t('parameters.subtitle')} />
      <Alert type="info" showIcon title={canEditAny ? t('parameters.cacheNote') : t('parameters.readOnly')} className="hx-form-alert" />
      <Card>
        {list.isError ? (
          <LoadError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<ParameterView>
            rowKey="key"
            size={isPhone ? 'small' : 'middle'}
            loading={list.isPending}
            columns={columns}
            dataSource={list.data ?? []}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
            data-testid="parameters-table"
          />
        )}
      </Card>
      <Modal
        open={editing !== null}
        title={editing ? `${t('parameters.editTitle')} · ${text(editing.label)}` : t('parameters.editTitle')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okText={t('common.save')}
        confirmLoading={save.saving}
        okButtonProps={{ ...testId('parameter-save') }}
        forceRender
      >
        {save.error ? <Alert type="error" showIcon title={save.error} className="hx-form-alert" /> : null}
        {editing ? <Typography.Paragraph type="secondary">{text(editing.description)}</Typography.Paragraph> : null}
        <Form<{ value: Value }> form={form} layout="vertical" onFinish={(v) => void save.submit(v)} data-testid="parameter-form">
          {editing ? <ValueField p={editing} label={show(editing, editing.defaultValue)} /> : null}
        </Form>
      </Modal>
      <HistoryModal p={historyOf} show={show} onClose={() => setHistoryOf(null)} />
    </div>
  );
}

/** The value's input for its type; the bounds are the server's to check (and it says which, on the field). */
function ValueField({ p, label }: { p: ParameterView; label: string }) {
  const t = useT();
  const { locale } = useLocale();
  const extra = p.min !== null && p.max !== null ? t('parameters.boundsHelp', { min: p.min, max: p.max, default: label }) : undefined;
  const required = [{ required: true, message: t('common.required') }];
  if (p.type === 'boolean')
    return (
      <Form.Item name="value" label={t('parameters.value')} valuePropName="checked" extra={extra}>
        <Switch data-testid="parameter-input" />
      </Form.Item>
    );
  if (p.type === 'enum')
    return (
      <Form.Item name="value" label={t('parameters.value')} rules={required}>
        <Select options={(p.values ?? []).map((v) => ({ value: v.value, label: v.label[locale] }))} data-testid="parameter-input" />
      </Form.Item>
    );
  return (
    <Form.Item name="value" label={t('parameters.value')} rules={required} extra={extra}>
      <InputNumber
        precision={0}
        style={{ width: '100%' }}
        addonAfter={p.type === 'duration' ? t('parameters.minutes') : p.unit ? p.unit[locale] : undefined}
        data-testid="parameter-input"
      />
    </Form.Item>
  );
}

function HistoryModal({ p, show, onClose }: { p: ParameterView | null; show: (p: ParameterView, v: Value | null) => string; onClose: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const history = useParameterHistory(p?.key ?? null);
  return (
    <Modal open={p !== null} title={p ? t('parameters.historyTitle', { name: p.label[locale] }) : ''} onCancel={onClose} footer={null}>
      {history.isError ? (
        <LoadError error={history.error} onRetry={() => void history.refetch()} />
      ) : (
        <Table<ParameterHistoryEntry>
          rowKey={(h) => `${h.at}-${h.version ?? ''}`}
          size="small"
          loading={history.isPending}
          dataSource={history.data ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('parameters.historyNone')} /> }}
          columns={[
            { key: 'at', title: t('parameters.history.at'), render: (_, h) => formatDateTime(h.at) },
            { key: 'actor', title: t('parameters.history.actor'), render: (_, h) => h.actor ?? '—' },
            {
              key: 'change',
              title: t('parameters.history.change'),
              render: (_, h) =>
                p ? (
                  <span>
                    <Tag>{t(h.action === 'reset' ? 'parameters.history.reset' : 'parameters.history.set')}</Tag>
                    {show(p, h.before)} → {show(p, h.after)}
                  </span>
                ) : null,
            },
          ]}
          data-testid="parameter-history"
        />
      )}
    </Modal>
  );
}
