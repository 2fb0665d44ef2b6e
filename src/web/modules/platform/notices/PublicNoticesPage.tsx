import { PageHeader } from '../../../components/PageHeader';

/** 通知公告（公开） (scaffold: filled in by its work). */
export default function PublicNoticesPage() {
  return <PageHeader title="通知公告（公开）" />;
}
