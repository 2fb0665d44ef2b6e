import { useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../../api/client';
import { useUser } from '../../../auth/AuthProvider';
import { PageHeader } from '../../../components/PageHeader';
import { LoadError } from '../../../components/ResultPages';
import { applyApiError, errorMessage, useFormSubmit } from '../../../components/formErrors';
import { testId } from '../../../components/testId';
import { useIsPhone } from '../../../components/useMediaQuery';
import { useLocale, useT } from '../../../i18n/I18nProvider';
import { dictionaryApi, dictionaryKeys, useDictionaryDetail, useDictionaryList, type DictionaryDetail, type DictionaryItemView, type NewItem } from './api';
import { useDictionary } from './useDictionary';

type EditValues = Pick<DictionaryItemView, 'labelZh' | 'labelEn' | 'sortOrder' | 'parentCode'>;

/**
 * The code lists the modules declare (`?code=` picks one): the office and admins relabel, reorder, re-parent,
 * enable and disable items in the table, add items and delete the unused ones — a code records use is refused
 * with the server's message and can only be disabled. Every change states the version it was made on.
 */
export default function DictionariesPage() {
  const t = useT();
  const { locale } = useLocale();
  const user = useUser();
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [search, setSearch] = useSearchParams();
  const canEdit = user.role === 'office' || user.role === 'admin';
  const list = useDictionaryList();
  const code = search.get('code') ?? undefined;
  const detail = useDictionaryDetail(code);
  const [editing, setEditing] = useState<string | null>(null);
  const [editForm] = Form.useForm<EditValues>();
  const [adding, setAdding] = useState(false);
  const [addForm] = Form.useForm<NewItem>();
  const [refusal, setRefusal] = useState<string | null>(null);

  const nameOf = (d: { nameZh: string; nameEn: string }) => (locale === 'en' ? d.nameEn : d.nameZh);

  /** Every answer of a change is the dictionary; the lists and what forms read are asked again. */
  function refresh(d: DictionaryDetail) {
    qc.setQueryData(dictionaryKeys.detail(d.code), d);
    void qc.invalidateQueries({ queryKey: dictionaryKeys.list });
    void qc.invalidateQueries({ queryKey: dictionaryKeys.items(d.code) });
  }

  /** A stale version means someone else saved first: say so and show what they saved. */
  function failed(e: unknown) {
    if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') void detail.refetch();
    setRefusal(errorMessage(e));
  }

  async function saveEdit(item: DictionaryItemView) {
    if (!code) return;
    let values: EditValues;
    try {
      values = await editForm.validateFields();
    } catch {
      return;
    }
    try {
      refresh(await dictionaryApi.update(code, item.code, { version: item.version, ...values, parentCode: values.parentCode || null }));
      setEditing(null);
      setRefusal(null);
      message.success(t('dictionaries.saved'));
    } catch (e) {
      const rest = applyApiError(editForm, e);
      if (rest) failed(e);
    }
  }

  async function toggle(item: DictionaryItemView, enabled: boolean) {
    if (!code) return;
    try {
      refresh(await dictionaryApi.update(code, item.code, { version: item.version, enabled }));
      setRefusal(null);
      message.success(t(enabled ? 'dictionaries.enabledNow' : 'dictionaries.disabledNow'));
    } catch (e) {
      failed(e);
    }
  }

  async function remove(item: DictionaryItemView) {
    if (!code) return;
    try {
      refresh(await dictionaryApi.remove(code, item.code, item.version));
      setRefusal(null);
      message.success(t('dictionaries.deleted'));
    } catch (e) {
      failed(e);
    }
  }

  const add = useFormSubmit<NewItem>(addForm, async (v) => {
    if (!code) return;
    refresh(await dictionaryApi.create(code, { ...v, parentCode: v.parentCode || null }));
    message.success(t('dictionaries.added'));
    setAdding(false);
  });

  const items = detail.data?.items ?? [];
  const parentOptions = (except?: string) => [
    { value: '', label: t('dictionaries.item.noParent') },
    ...items.filter((i) => i.code !== except).map((i) => ({ value: i.code, label: `${locale === 'en' ? i.labelEn : i.labelZh} (${i.code})` })),
  ];
  const isEditing = (i: DictionaryItemView) => editing === i.code;
  const cell = (i: DictionaryItemView, name: keyof EditValues, view: ReactNode, input: ReactNode, required = false) =>
    isEditing(i) ? (
      <Form.Item name={name} style={{ margin: 0 }} rules={required ? [{ required: true, whitespace: true, message: t('common.required') }] : []}>
        {input}
      </Form.Item>
    ) : (
      view
    );

  const columns: TableColumnsType<DictionaryItemView> = [
    {
      key: 'sortOrder',
      title: t('dictionaries.item.sortOrder'),
      width: 100,
      render: (_, i) => cell(i, 'sortOrder', i.sortOrder, <InputNumber min={0} max={100000} precision={0} data-testid="item-edit-sortOrder" />),
    },
    {
      key: 'code',
      title: t('dictionaries.item.code'),
      render: (_, i) => (
        <Typography.Text code style={i.parentCode ? { marginInlineStart: 16 } : undefined}>
          {i.code}
        </Typography.Text>
      ),
    },
    {
      key: 'labelZh',
      title: t('dictionaries.item.labelZh'),
      render: (_, i) =>
        cell(i, 'labelZh', <span data-testid={`item-labelZh-${i.code}`}>{i.labelZh}</span>, <Input maxLength={60} data-testid="item-edit-labelZh" />, true),
    },
    {
      key: 'labelEn',
      title: t('dictionaries.item.labelEn'),
      render: (_, i) =>
        cell(i, 'labelEn', <span data-testid={`item-labelEn-${i.code}`}>{i.labelEn}</span>, <Input maxLength={60} data-testid="item-edit-labelEn" />, true),
    },
    ...(isPhone
      ? []
      : [
          {
            key: 'parent',
            title: t('dictionaries.item.parent'),
            render: (_: unknown, i: DictionaryItemView) =>
              cell(i, 'parentCode', i.parentCode ?? '—', <Select options={parentOptions(i.code)} style={{ minWidth: 160 }} />),
          },
          { key: 'uses', title: t('dictionaries.item.uses'), width: 90, render: (_: unknown, i: DictionaryItemView) => i.uses },
        ]),
    {
      key: 'enabled',
      title: t('dictionaries.item.enabled'),
      width: 80,
      render: (_, i) => (
        <Switch
          size="small"
          checked={i.enabled}
          disabled={!canEdit || isEditing(i)}
          onChange={(v) => void toggle(i, v)}
          data-testid={`item-enabled-${i.code}`}
        />
      ),
    },
    ...(canEdit
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_: unknown, i: DictionaryItemView) =>
              isEditing(i) ? (
                <Space size="small">
                  <Button size="small" type="primary" onClick={() => void saveEdit(i)} data-testid={`item-save-${i.code}`}>
                    {t('common.save')}
                  </Button>
                  <Button size="small" onClick={() => setEditing(null)}>
                    {t('common.cancel')}
                  </Button>
                </Space>
              ) : (
                <Space size="small">
                  <Button
                    size="small"
                    disabled={editing !== null}
                    onClick={() => {
                      editForm.setFieldsValue({ labelZh: i.labelZh, labelEn: i.labelEn, sortOrder: i.sortOrder, parentCode: i.parentCode ?? '' });
                      setEditing(i.code);
                    }}
                    data-testid={`item-edit-${i.code}`}
                  >
                    {t('common.edit')}
                  </Button>
                  <Popconfirm
                    title={t('dictionaries.deleteConfirm', { label: locale === 'en' ? i.labelEn : i.labelZh })}
                    description={i.uses > 0 ? t('dictionaries.deleteInUse', { count: i.uses }) : undefined}
                    okText={t('dictionaries.delete')}
                    okButtonProps={{ danger: true, ...testId(`item-delete-confirm-${i.code}`) }}
                    cancelText={t('common.cancel')}
                    onConfirm={() => remove(i)}
                  >
                    <Button size="small" danger disabled={editing !== null} data-testid={`item-delete-${i.code}`}>
                      {t('dictionaries.delete')}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
          },
        ]
      : []),
  ];

  const chosen = list.data?.find((d) => d.code === code);
  return (
    <div data-testid="page-dictionaries">
      <PageHeader title={t('dictionaries.nav')} subtitle={t('dictionaries.subtitle')} />
      {!canEdit ? <Alert type="info" showIcon title={t('dictionaries.readOnly')} className="hx-form-alert" /> : null}
      <Card title={t('dictionaries.list')} className="hx-block">
        {list.isError ? (
          <LoadError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table
            rowKey="code"
            size={isPhone ? 'small' : 'middle'}
            loading={list.isPending}
            dataSource={list.data ?? []}
            pagination={false}
            scroll={{ x: 'max-content' }}
            rowClassName={(d) => (d.code === code ? 'ant-table-row-selected' : '')}
            onRow={(d) => ({ onClick: () => setSearch({ code: d.code }, { replace: true }), style: { cursor: 'pointer' } })}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dictionaries.none')} /> }}
            columns={[
              { key: 'name', title: t('dictionaries.name'), render: (_, d) => <a data-testid={`dictionary-${d.code}`}>{nameOf(d)}</a> },
              { key: 'code', title: t('dictionaries.code'), render: (_, d) => <Typography.Text code>{d.code}</Typography.Text> },
              ...(isPhone
                ? []
                : [{ key: 'owner', title: t('dictionaries.owner'), render: (_: unknown, d: { ownerModule: string }) => <Tag>{d.ownerModule}</Tag> }]),
              { key: 'count', title: t('dictionaries.count'), render: (_, d) => `${d.enabledCount} / ${d.itemCount}` },
            ]}
            data-testid="dictionaries-table"
          />
        )}
      </Card>
      {code === undefined ? (
        <Card>
          <Empty description={t('dictionaries.choose')} />
        </Card>
      ) : (
        <Card
          title={chosen ? `${t('dictionaries.items')} · ${nameOf(chosen)}` : t('dictionaries.items')}
          extra={
            canEdit ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => {
                  addForm.resetFields();
                  setAdding(true);
                }}
                data-testid="item-add"
              >
                {t('dictionaries.add')}
              </Button>
            ) : null
          }
        >
          {chosen ? <Typography.Paragraph type="secondary">{locale === 'en' ? chosen.descriptionEn : chosen.descriptionZh}</Typography.Paragraph> : null}
          {refusal ? (
            <Alert type="error" showIcon closable onClose={() => setRefusal(null)} title={refusal} className="hx-form-alert" data-testid="dictionary-error" />
          ) : null}
          {detail.isError ? (
            <LoadError error={detail.error} onRetry={() => void detail.refetch()} />
          ) : (
            <Form form={editForm} component={false}>
              <Table<DictionaryItemView>
                rowKey="code"
                size={isPhone ? 'small' : 'middle'}
                loading={detail.isPending}
                columns={columns}
                dataSource={items}
                pagination={false}
                scroll={{ x: 'max-content' }}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dictionaries.noItems')} /> }}
                data-testid="dictionary-items"
              />
            </Form>
          )}
          <FormPreview code={code} />
        </Card>
      )}
      <Modal
        open={adding}
        title={chosen ? `${t('dictionaries.add')} · ${nameOf(chosen)}` : t('dictionaries.add')}
        onCancel={() => setAdding(false)}
        onOk={() => addForm.submit()}
        okText={t('common.save')}
        confirmLoading={add.saving}
        okButtonProps={{ ...testId('item-add-save') }}
        forceRender
      >
        {add.error ? <Alert type="error" showIcon title={add.error} className="hx-form-alert" /> : null}
        <Form<NewItem> form={addForm} layout="vertical" initialValues={{ enabled: true }} onFinish={(v) => void add.submit(v)} data-testid="item-add-form">
          <Form.Item
            name="code"
            label={t('dictionaries.item.code')}
            extra={t('dictionaries.item.code.help')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Input maxLength={40} data-testid="item-add-code" />
          </Form.Item>
          <Form.Item name="labelZh" label={t('dictionaries.item.labelZh')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input maxLength={60} data-testid="item-add-labelZh" />
          </Form.Item>
          <Form.Item name="labelEn" label={t('dictionaries.item.labelEn')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input maxLength={60} data-testid="item-add-labelEn" />
          </Form.Item>
          <Form.Item name="sortOrder" label={t('dictionaries.item.sortOrder')}>
            <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="parentCode" label={t('dictionaries.item.parent')}>
            <Select allowClear options={parentOptions()} />
          </Form.Item>
          <Form.Item name="enabled" label={t('dictionaries.item.enabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}

/** What a form built with useDictionary offers from this list: the proof that a change reached the forms. */
function FormPreview({ code }: { code: string }) {
  const t = useT();
  const dictionary = useDictionary(code);
  return (
    <div style={{ marginTop: 16, maxWidth: 420 }}>
      <Typography.Text strong>{t('dictionaries.preview')}</Typography.Text>
      <Typography.Paragraph type="secondary">{t('dictionaries.preview.help')}</Typography.Paragraph>
      <Select
        style={{ width: '100%' }}
        loading={dictionary.loading}
        options={dictionary.options}
        placeholder={t('dictionaries.preview')}
        showSearch={{ optionFilterProp: 'label' }}
        data-testid="dictionary-preview"
      />
    </div>
  );
}
