import { useState } from 'react';
import { App, Button, DatePicker, Space } from 'antd';
import { FileWordOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { download } from '../../../../api/client';
import { errorMessage } from '../../../../components/formErrors';
import { useT } from '../../../../i18n/I18nProvider';
import { previousMonth, shanghaiMonth } from '../../periods';
import { shanghaiNow } from '../../../../components/format';

/** The monthly briefing (Word) for a month the office picks, last month first (in Shanghai time). */
export function BriefingButton({ planId }: { planId: number }) {
  const t = useT();
  const { message } = App.useApp();
  const [month, setMonth] = useState<Dayjs>(() => dayjs(`${previousMonth(shanghaiMonth())}-01`));
  const [busy, setBusy] = useState(false);
  return (
    <Space.Compact>
      <DatePicker
        picker="month"
        value={month}
        allowClear={false}
        onChange={(d) => d && setMonth(d)}
        disabledDate={(d) => d.isAfter(shanghaiNow(), 'month')}
        data-testid="briefing-month"
        style={{ width: 120 }}
      />
      <Button
        icon={<FileWordOutlined />}
        loading={busy}
        data-testid="briefing-download"
        onClick={async () => {
          setBusy(true);
          try {
            const period = month.format('YYYY-MM');
            const name = await download('/api/briefings/monthly.docx', { planId, period }, `briefing-${period}.docx`);
            message.success(`${t('common.exported')}：${name}`);
          } catch (e) {
            message.error(errorMessage(e));
          } finally {
            setBusy(false);
          }
        }}
      >
        {t('plan.briefing.download')}
      </Button>
    </Space.Compact>
  );
}
