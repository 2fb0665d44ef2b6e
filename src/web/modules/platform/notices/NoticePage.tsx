import { PageHeader } from '../../../components/PageHeader';

/** 通知公告详情 (scaffold: filled in by its work). */
export default function NoticePage() {
  return <PageHeader title="通知公告详情" />;
}
