import { useEffect, type ReactNode } from 'react';
import { Button, Form } from 'antd';
import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { useT } from '../i18n/I18nProvider';

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
  // Follow the list's values (the address bar) when they change from outside, e.g. back/forward.
  const key = JSON.stringify(values);
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(JSON.parse(key) as Parameters<typeof form.setFieldsValue>[0]);
  }, [form, key]);
  return (
    <Form<V>
      form={form}
      layout="inline"
      className="hx-filter-bar"
      data-testid={testId}
      onFinish={(v) => onSearch(v)}
    >
      {children}
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
      </Form.Item>
    </Form>
  );
}
