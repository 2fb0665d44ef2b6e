import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Divider, Drawer, Form, Input, Select, Space, Typography } from 'antd';
import { useTowns } from '../../../../api/towns';
import { todayInShanghai } from '../../../../components/format';
import { useIsPhone } from '../../../../components/useMediaQuery';
import { useLocale, useT } from '../../../../i18n/I18nProvider';
import { activeFields, type LedgerEventType } from '../../../../../shared/ledgers/definition';
import { recordEvent, useLedgerRefresh, type AssetView, type EventInput, type KindView } from './api';
import { checkForm, clientLookups } from './checks';
import { DateItem, FieldItems, placeApiError, showErrors } from './AssetForm';
import { labelOf, toFormValues, toWireValue, useDictionaries, type FormValue } from './fields';

/** The event codes the server says may happen to the asset now. */
export const allowedCodes = (asset: AssetView): string[] => asset.eventTypes;

interface Values {
  type?: string;
  occurredOn?: string;
  values?: Record<string, FormValue>;
  changes?: Record<string, FormValue>;
  replacement?: { values?: Record<string, FormValue> };
  note?: string;
}

/**
 * Records a renewal event on the asset (a workflow move on the server): its type among those allowed now, its
 * date and fields, the asset fields it changes, and for a replacement the new asset, created and linked in the
 * same step.
 */
export function EventDrawer({ kind, asset, open, onClose }: { kind: KindView; asset: AssetView; open: boolean; onClose: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const refresh = useLedgerRefresh();
  const towns = useTowns();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const def = kind.definition;
  const allowed = allowedCodes(asset);
  const types = def.events.filter((e) => allowed.includes(e.code) && e.effect !== 'added');
  const code = Form.useWatch('type', form);
  const type: LedgerEventType | undefined = types.find((e) => e.code === code);
  const fields = useMemo(() => activeFields(def), [def]);
  const changeFields = useMemo(() => (type ? fields.filter((f) => type.changes.includes(f.key)) : []), [type, fields]);
  const replaced = type?.effect === 'replaced';
  const dictionaries = useDictionaries(useMemo(() => [...fields, ...types.flatMap((e) => e.fields)], [fields, types]));

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setError(null);
    form.setFieldsValue({ type: types.length === 1 ? types[0]!.code : undefined, occurredOn: todayInShanghai() });
    // The type list is derived from the asset; resetting on each of its renders would wipe what was typed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, form]);

  // A new type: its changes start from the asset's current values; the replacement starts in the asset's town.
  useEffect(() => {
    if (!type) return;
    form.setFieldsValue({
      changes: toFormValues(changeFields, asset.values),
      replacement: { values: def.townField ? { [def.townField]: (asset.values[def.townField] as number | null) ?? undefined } : {} },
    });
  }, [type, changeFields, asset.values, def.townField, form]);

  async function submit(v: Values) {
    if (!type) return;
    const lookups = clientLookups(dictionaries.byCode, towns.data ?? []);
    const ev = checkForm(type.fields, v.values, lookups, t, { prefix: 'values' });
    // Only what the keeper actually changed is sent as a change.
    const changed = Object.fromEntries(
      changeFields
        .filter((f) => {
          const w = toWireValue(f, v.changes?.[f.key]);
          return 'bad' in w || (w.value ?? null) !== (asset.values[f.key] ?? null);
        })
        .map((f) => [f.key, v.changes?.[f.key]]),
    );
    const ch = checkForm(changeFields, changed, lookups, t, { prefix: 'changes', partial: true, previous: asset.values });
    const rep = replaced ? checkForm(fields, v.replacement?.values, lookups, t, { prefix: 'replacement.values' }) : null;
    if (!showErrors(form, [...ev.errors, ...ch.errors, ...(rep?.errors ?? [])])) return;
    const body: EventInput = { type: type.code, occurredOn: v.occurredOn ?? todayInShanghai() };
    if (type.fields.length) body.values = ev.values;
    if (Object.keys(ch.values).length) body.changes = ch.values;
    if (rep) body.replacement = { values: rep.values };
    if (v.note?.trim()) body.note = v.note.trim();
    setSaving(true);
    setError(null);
    try {
      await recordEvent(asset.id, body);
      void message.success(t('ledgers.assets.event.saved', { type: labelOf(type.label, locale) }));
      await refresh();
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
      title={t('ledgers.assets.event.title', { title: asset.title })}
      size={isPhone ? '100%' : 720}
      destroyOnHidden
      footer={
        <Space className="hx-ledger-drawer-footer">
          <Button onClick={onClose} size="large">
            {t('common.cancel')}
          </Button>
          <Button type="primary" size="large" loading={saving} disabled={!type} onClick={() => form.submit()} data-testid="event-save">
            {t('ledgers.assets.event.save')}
          </Button>
        </Space>
      }
    >
      {error ? <Alert type="error" showIcon title={error} className="hx-ledger-form-error" data-testid="event-form-error" /> : null}
      {types.length === 0 ? <Alert type="info" showIcon title={t('ledgers.assets.event.noneAllowed')} /> : null}
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} size={isPhone ? 'large' : 'middle'} data-testid="event-form">
        <Form.Item name="type" label={t('ledgers.assets.event.type')} rules={[{ required: true, message: t('common.required') }]}>
          <Select
            data-testid="event-type"
            options={types.map((e) => ({ value: e.code, label: `${labelOf(e.label, locale)}（${t(`ledgers.assets.effect.${e.effect}`)}）` }))}
            placeholder={t('ledgers.assets.field.choose')}
          />
        </Form.Item>
        {type ? <Typography.Paragraph type="secondary">{t(`ledgers.assets.effect.${type.effect}.help`)}</Typography.Paragraph> : null}
        <DateItem name="occurredOn" label={t('ledgers.assets.event.date')} testId="event-date" required />
        {type?.fields.length ? <FieldItems fields={type.fields} path={['values']} testIdPrefix="event-field-" dictionaries={dictionaries.byCode} /> : null}
        {changeFields.length ? (
          <>
            <Divider titlePlacement="start">{t('ledgers.assets.event.changes')}</Divider>
            <Typography.Paragraph type="secondary">{t('ledgers.assets.event.changesHelp')}</Typography.Paragraph>
            <FieldItems fields={changeFields} path={['changes']} testIdPrefix="event-change-" dictionaries={dictionaries.byCode} />
          </>
        ) : null}
        {replaced ? (
          <>
            <Divider titlePlacement="start">{t('ledgers.assets.event.replacement')}</Divider>
            <Typography.Paragraph type="secondary">{t('ledgers.assets.event.replacementHelp')}</Typography.Paragraph>
            <FieldItems fields={fields} path={['replacement', 'values']} testIdPrefix="replacement-field-" dictionaries={dictionaries.byCode} />
          </>
        ) : null}
        <Form.Item name="note" label={t('ledgers.assets.event.note')}>
          <Input.TextArea rows={2} maxLength={500} data-testid="event-note" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
