import { DatePicker, Form } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';

/** A date filter whose form value is the plain string YYYY-MM-DD the API takes. */
export function DateField({ name, label, testId }: { name: string; label: string; testId?: string }) {
  return (
    <Form.Item
      name={name}
      label={label}
      getValueProps={(v: string | undefined) => ({ value: v ? dayjs(v) : null })}
      normalize={(d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined)}
    >
      <DatePicker style={{ width: '100%' }} data-testid={testId} />
    </Form.Item>
  );
}
