import { PageHeader } from '../../../components/PageHeader';

/** 通知公告 (scaffold: filled in by its work). */
export default function NoticesPage() {
  return <PageHeader title="通知公告" />;
}
