import { Children, useEffect, useState, type ReactNode } from 'react';
import { Button, Form } from 'antd';
import { DownOutlined, ReloadOutlined, SearchOutlined, UpOutlined } from '@ant-design/icons';
import { useT } from '../i18n/I18nProvider';
import { useIsPhone } from './useMediaQuery';

/**
 * The filter form above a list: fields side by side on a desktop, stacked on a phone. Submitting hands the
 * values to `onSearch`; "reset" clears them.
 */
export function FilterBar<V extends Record<string, unknown>>({
  values,
  onSearch,
  children,
  testId = 'filter-bar',
}: {
  values: V;
  onSearch: (values: V) => void;
  children: ReactNode;
  testId?: string;
}) {
  const t = useT();
  const [form] = Form.useForm<V>();
  const isPhone = useIsPhone();
  const fields = Children.toArray(children);
  // On a phone only the first filter shows until the user asks for the rest (unless some are in use).
  const [expanded, setExpanded] = useState(() => Object.entries(values).some(([k, v], i) => i > 0 && k !== 'q' && v !== undefined && v !== ''));
  const collapsible = isPhone && fields.length > 1;
  // Follow the list's values (the address bar) when they change from outside, e.g. back/forward.
  const key = JSON.stringify(values);
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(JSON.parse(key) as Parameters<typeof form.setFieldsValue>[0]);
  }, [form, key]);
  return (
    <Form<V> form={form} layout="inline" className="hx-filter-bar" data-testid={testId} onFinish={(v) => onSearch(v)}>
      {fields.map((field, i) => (
        <div key={i} className="hx-filter-field" hidden={collapsible && !expanded && i > 0}>
          {field}
        </div>
      ))}
      <Form.Item className="hx-filter-buttons">
        <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="filter-search">
          {t('common.search')}
        </Button>
        <Button
          icon={<ReloadOutlined />}
          onClick={() => {
            const empty = Object.fromEntries(Object.keys(form.getFieldsValue()).map((k) => [k, undefined])) as V;
            form.resetFields();
            onSearch(empty);
          }}
          data-testid="filter-reset"
        >
          {t('common.reset')}
        </Button>
        {collapsible ? (
          <Button type="link" onClick={() => setExpanded((e) => !e)} icon={expanded ? <UpOutlined /> : <DownOutlined />} data-testid="filter-more">
            {expanded ? t('common.fewerFilters') : t('common.moreFilters')}
          </Button>
        ) : null}
      </Form.Item>
    </Form>
  );
}
