import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Checkbox, Col, DatePicker, Drawer, Form, Row, Space, Typography, type FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTowns } from '../../../../api/towns';
import { useUser } from '../../../../auth/AuthProvider';
import { applyApiError } from '../../../../components/formErrors';
import { todayInShanghai } from '../../../../components/format';
import { useIsPhone } from '../../../../components/useMediaQuery';
import { useT } from '../../../../i18n/I18nProvider';
import { activeFields, type AssetValues } from '../../../../../shared/ledgers/definition';
import { createAsset, updateAsset, useLedgerRefresh, type AssetInput, type AssetView, type KindView } from './api';
import { checkForm, clientLookups, type FieldErrors } from './checks';
import { FieldInput, FieldLabel, fieldHelp, toFormValues, useDictionaries, type AnyField, type DictionaryData } from './fields';

/**
 * The Form.Items of a set of fields under a form path (`['values']`, `['replacement', 'values']`): the required
 * mark, the help that says the bounds, and an input by type. The values are checked on submit (checkForm), so the
 * reasons are the server's own.
 */
export function FieldItems({
  fields,
  path,
  testIdPrefix,
  dictionaries,
  columns = 2,
}: {
  fields: readonly AnyField[];
  path: string[];
  testIdPrefix: string;
  dictionaries: Map<string, DictionaryData>;
  columns?: 1 | 2;
}) {
  const t = useT();
  return (
    <Row gutter={12}>
      {fields.map((f) => (
        <Col key={f.key} xs={24} sm={columns === 2 && f.type !== 'file' && f.type !== 'coordinates' ? 12 : 24}>
          <Form.Item name={[...path, f.key]} label={<FieldLabel field={f} />} required={f.required} extra={fieldHelp(f, t)}>
            <FieldInput field={f} testId={`${testIdPrefix}${f.key}`} dictionaries={dictionaries} />
          </Form.Item>
        </Col>
      ))}
    </Row>
  );
}

/** A date as the API takes it (YYYY-MM-DD) in a form. */
export function DateItem({ name, label, testId, required }: { name: (string | number)[] | string; label: string; testId: string; required?: boolean }) {
  const t = useT();
  return (
    <Form.Item
      name={name}
      label={label}
      rules={required ? [{ required: true, message: t('common.required') }] : []}
      getValueProps={(v: string | undefined) => ({ value: v ? dayjs(v) : null })}
      normalize={(d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined)}
    >
      <DatePicker style={{ width: '100%' }} inputReadOnly data-testid={testId} />
    </Form.Item>
  );
}

/** The API's refusal on the form's fields (applyApiError), the first of them scrolled into view; the rest for the Alert. */
export function placeApiError(form: FormInstance, e: unknown): string | null {
  const rest = applyApiError(form, e);
  const first = form.getFieldsError().find((f) => f.errors.length);
  if (first) form.scrollToField(first.name, { block: 'center' });
  return rest;
}

/** Marks every error on the form at once; false when there were some. */
export function showErrors(form: FormInstance, errors: FieldErrors[]): boolean {
  if (!errors.length) return true;
  form.setFields(errors);
  form.scrollToField(errors[0]!.name, { block: 'center' });
  return false;
}

interface Values {
  values?: Record<string, string | number | undefined>;
  recordAdded?: boolean;
  added?: { occurredOn?: string; values?: Record<string, string | number | undefined> };
}

/**
 * Registers an asset or edits one, the form made from the kind's definition. A new asset of a kind with an
 * "added" event may be registered as added (it then counts in the plan's "added" figures from that date).
 */
export function AssetFormDrawer({
  kind,
  asset,
  open,
  onClose,
  onSaved,
}: {
  kind: KindView;
  asset: AssetView | null;
  open: boolean;
  onClose: () => void;
  onSaved?: (a: AssetView) => void;
}) {
  const t = useT();
  const user = useUser();
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const refresh = useLedgerRefresh();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const def = kind.definition;
  const fields = useMemo(() => activeFields(def), [def]);
  const addedEvent = asset ? undefined : def.events.find((e) => e.effect === 'added');
  const dictionaries = useDictionaries(useMemo(() => [...fields, ...(addedEvent?.fields ?? [])], [fields, addedEvent]));
  const towns = useTowns();
  const recordAdded = Form.useWatch('recordAdded', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setError(null);
    const initial = toFormValues(fields, asset?.values);
    // A town registers its own assets: its town is filled in.
    if (!asset && def.townField && user.organization?.townId) initial[def.townField] = user.organization.townId;
    form.setFieldsValue({ values: initial, recordAdded: false, added: { occurredOn: todayInShanghai() } } as Values);
  }, [open, asset, fields, def.townField, user.organization?.townId, form]);

  async function submit(v: Values) {
    const lookups = clientLookups(dictionaries.byCode, towns.data ?? []);
    const main = checkForm(fields, v.values, lookups, t, { prefix: 'values', ...(asset ? { previous: asset.values } : {}) });
    const added = addedEvent && v.recordAdded ? checkForm(addedEvent.fields, v.added?.values, lookups, t, { prefix: 'added.values' }) : null;
    if (!showErrors(form, [...main.errors, ...(added?.errors ?? [])])) return;
    setSaving(true);
    setError(null);
    try {
      let saved: AssetView;
      if (asset) saved = await updateAsset(asset.id, { values: main.values, updatedAt: asset.updatedAt });
      else {
        const body: AssetInput = { values: main.values };
        if (added) body.added = { occurredOn: v.added?.occurredOn ?? todayInShanghai(), values: added.values as AssetValues };
        saved = await createAsset(kind.id, body);
      }
      void message.success(t(asset ? 'ledgers.assets.asset.saved' : 'ledgers.assets.asset.created', { title: saved.title }));
      await refresh();
      onSaved?.(saved);
      onClose();
    } catch (e) {
      setError(placeApiError(form, e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={asset ? t('ledgers.assets.asset.editTitle', { title: asset.title }) : t('ledgers.assets.asset.newTitle')}
      size={isPhone ? '100%' : 720}
      destroyOnHidden
      footer={
        <Space className="hx-ledger-drawer-footer">
          <Button onClick={onClose} size="large">
            {t('common.cancel')}
          </Button>
          <Button type="primary" size="large" loading={saving} onClick={() => form.submit()} data-testid="asset-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {error ? <Alert type="error" showIcon title={error} className="hx-ledger-form-error" data-testid="asset-form-error" /> : null}
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} data-testid="asset-form" size={isPhone ? 'large' : 'middle'}>
        <FieldItems fields={fields} path={['values']} testIdPrefix="asset-field-" dictionaries={dictionaries.byCode} />
        {addedEvent ? (
          <div className="hx-ledger-added">
            <Form.Item name="recordAdded" valuePropName="checked">
              <Checkbox data-testid="asset-record-added">{t('ledgers.assets.asset.recordAdded')}</Checkbox>
            </Form.Item>
            <Typography.Paragraph type="secondary">{t('ledgers.assets.asset.recordAddedHelp')}</Typography.Paragraph>
            {recordAdded ? (
              <>
                <DateItem name={['added', 'occurredOn']} label={t('ledgers.assets.event.date')} testId="asset-added-date" required />
                <FieldItems fields={addedEvent.fields} path={['added', 'values']} testIdPrefix="asset-added-field-" dictionaries={dictionaries.byCode} />
              </>
            ) : null}
          </div>
        ) : null}
      </Form>
    </Drawer>
  );
}
