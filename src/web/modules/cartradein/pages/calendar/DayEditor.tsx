import { useEffect } from 'react';
import { DatePicker, Form, Input, Modal, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useLocale, useT } from '../../../../i18n/I18nProvider';
import { testId } from '../../../../components/testId';
import { isWeekend, weekdayName, type Entry } from './days';

type Kind = 'none' | 'holiday' | 'workday';
interface Values {
  date: Dayjs | null;
  kind: Kind;
  name: string;
}

/**
 * Sets one day: an ordinary day (the Monday–Friday rule), a public holiday or a make-up working day, with its
 * name. `date` null: a new entry, the date picked here. The rules are the server's (a workday only on a weekend).
 */
export function DayEditor({
  year,
  date,
  entry,
  open,
  onCancel,
  onOk,
}: {
  year: number;
  date: string | null;
  entry: Entry | undefined;
  open: boolean;
  onCancel: () => void;
  onOk: (date: string, entry: Entry | null) => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const [form] = Form.useForm<Values>();
  const picked = Form.useWatch('date', form);
  const kind = Form.useWatch('kind', form);
  const day = date ?? (picked ? picked.format('YYYY-MM-DD') : null);

  useEffect(() => {
    if (!open) return;
    form.setFieldsValue({
      date: date ? dayjs(date) : null,
      kind: entry ? (entry.working ? 'workday' : 'holiday') : date && !isWeekend(date) ? 'holiday' : date ? 'workday' : 'holiday',
      name: entry?.note ?? '',
    });
  }, [open, date, entry, form]);

  const submit = async () => {
    const v = await form.validateFields();
    const d = date ?? v.date!.format('YYYY-MM-DD');
    onOk(d, v.kind === 'none' ? null : { working: v.kind === 'workday', note: v.name.trim() });
  };

  return (
    <Modal
      open={open}
      title={day ? t('car.cal.editDay', { date: day, weekday: weekdayName(day, locale) }) : t('car.cal.editTitle')}
      onCancel={onCancel}
      onOk={() => void submit().catch(() => undefined)}
      okButtonProps={testId('car-cal-editor-ok')}
      forceRender
    >
      <Form form={form} layout="vertical" data-testid="car-cal-editor">
        {date ? null : (
          <Form.Item
            name="date"
            label={t('car.cal.col.date')}
            rules={[
              { required: true, message: t('common.required') },
              { validator: async (_, v: Dayjs | null) => (v && v.year() !== year ? Promise.reject(new Error(t('car.cal.dateInYear', { year }))) : undefined) },
            ]}
          >
            <DatePicker
              style={{ width: '100%' }}
              defaultPickerValue={dayjs(`${year}-01-01`)}
              disabledDate={(d) => d.year() !== year}
              data-testid="car-cal-editor-date"
            />
          </Form.Item>
        )}
        <Form.Item
          name="kind"
          label={t('car.cal.col.kind')}
          dependencies={['date']}
          rules={[
            {
              validator: async (_, v: Kind) =>
                v === 'workday' && day && !isWeekend(day) ? Promise.reject(new Error(t('car.cal.workdayWeekendOnly'))) : undefined,
            },
          ]}
        >
          <Radio.Group data-testid="car-cal-editor-kind">
            <Radio value="holiday">{t('car.cal.kind.holiday')}</Radio>
            <Radio value="workday" disabled={!!day && !isWeekend(day)}>
              {t('car.cal.kind.workday')}
            </Radio>
            {entry ? <Radio value="none">{t('car.cal.kind.none')}</Radio> : null}
          </Radio.Group>
        </Form.Item>
        {kind === 'none' ? null : (
          <Form.Item
            name="name"
            label={t('car.cal.col.name')}
            rules={[
              { required: true, whitespace: true, message: t('car.cal.nameRequired') },
              { max: 100, message: t('car.cal.nameRequired') },
            ]}
          >
            <Input placeholder={t('car.cal.namePlaceholder')} maxLength={100} data-testid="car-cal-editor-name" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
