import { useState } from 'react';
import { App, Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { download, type Query } from '../api/client';
import { useT } from '../i18n/I18nProvider';
import { errorMessage } from './formErrors';

/** Downloads an Excel export of the list as currently filtered. */
export function ExportButton({ path, query, fallbackName, testId = 'export' }: { path: string; query: Query; fallbackName: string; testId?: string }) {
  const t = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      icon={<DownloadOutlined />}
      loading={busy}
      data-testid={testId}
      onClick={async () => {
        setBusy(true);
        try {
          const name = await download(path, query, fallbackName);
          message.success(`${t('common.exported')}：${name}`);
        } catch (e) {
          message.error(errorMessage(e));
        } finally {
          setBusy(false);
        }
      }}
    >
      {busy ? t('common.exporting') : t('common.export')}
    </Button>
  );
}
