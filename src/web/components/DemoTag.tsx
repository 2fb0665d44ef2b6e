import { Tag } from 'antd';
import { useT } from '../i18n/I18nProvider';

/** 演示 beside a record the seed made (`--demo`), so nobody takes demo data for the city's. */
export function DemoTag({ show }: { show: boolean }) {
  const t = useT();
  return show ? <Tag color="orange">{t('common.demo')}</Tag> : null;
}
