import { Col, Form, Input, Row, Tag } from 'antd';
import type { ReactNode } from 'react';
import { useLocale, useT } from '../../../../i18n/I18nProvider';
import type { MessageKey } from '../../../../i18n/messages';
import type { EventEffect, FieldType, MetricMeasure, TownAccess } from '../../../../../shared/ledgers/definition';
import type { ConditionOp } from './formModel';

const ACCESS_COLOR: Record<TownAccess, string> = { none: 'default', read: 'blue', edit: 'green' };

export function TownAccessTag({ access }: { access: TownAccess }) {
  const t = useT();
  return <Tag color={ACCESS_COLOR[access]}>{t(`ledgers.kinds.townAccess.${access}` as MessageKey)}</Tag>;
}

/** The translations of the definition's codes: field types, effects, measures, operators. */
export function useCodes() {
  const t = useT();
  return {
    type: (type: FieldType) => t(`ledgers.kinds.type.${type}` as MessageKey),
    effect: (e: EventEffect) => t(`ledgers.kinds.effect.${e}` as MessageKey),
    measure: (k: MetricMeasure['kind']) => t(`ledgers.kinds.measure.${k}` as MessageKey),
    op: (op: ConditionOp) => t(`ledgers.kinds.op.${op}` as MessageKey),
    access: (a: TownAccess) => t(`ledgers.kinds.townAccess.${a}` as MessageKey),
  };
}

/** The zh/en pair of a label, side by side on a desktop, one under the other on a phone. */
export function LabelInputs({
  name,
  testPrefix,
  disabled,
  required = true,
  zhMax = 60,
  enMax = 100,
}: {
  name: (string | number)[];
  testPrefix: string;
  disabled?: boolean;
  required?: boolean;
  zhMax?: number;
  enMax?: number;
}) {
  const t = useT();
  const rules = required ? [{ required: true, whitespace: true, message: t('common.required') }] : [];
  return (
    <Row gutter={8}>
      <Col xs={24} sm={12}>
        <Form.Item name={[...name, 'zh']} label={t('ledgers.kinds.labelZh')} rules={rules}>
          <Input maxLength={zhMax} disabled={disabled} data-testid={`${testPrefix}-zh`} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name={[...name, 'en']} label={t('ledgers.kinds.labelEn')} rules={rules}>
          <Input maxLength={enMax} disabled={disabled} data-testid={`${testPrefix}-en`} />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** One item of an editable list: its title line with its buttons, then its inputs. */
export function ListItem({
  title,
  actions,
  children,
  testId,
  muted,
}: {
  title: ReactNode;
  actions: ReactNode;
  children: ReactNode;
  testId: string;
  muted?: boolean;
}) {
  return (
    <div className={`hx-ledger-item${muted ? ' hx-ledger-item-muted' : ''}`} data-testid={testId}>
      <div className="hx-ledger-item-head">
        <div className="hx-ledger-item-title">{title}</div>
        <div className="hx-ledger-item-actions">{actions}</div>
      </div>
      {children}
    </div>
  );
}

/** A definition key: camelCase, as the server takes it. */
export const KEY_PATTERN = /^[a-z][A-Za-z0-9]{0,39}$/;

/** A label typed in the form, in the page's language (the other one while that is still empty). */
export function useLabelOf() {
  const { locale } = useLocale();
  return (l: { zh?: string; en?: string } | undefined): string => (locale === 'en' ? l?.en || l?.zh : l?.zh || l?.en) ?? '';
}

/** "投用日期 (commissionedOn)": a field or event type in a select. */
export function useOptionLabel() {
  const labelOf = useLabelOf();
  return (item: { key?: string; code?: string; label?: { zh?: string; en?: string } }) => {
    const id = item.key ?? item.code ?? '';
    const label = labelOf(item.label);
    return label ? `${label} (${id})` : id;
  };
}
