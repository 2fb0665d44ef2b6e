import { PageHeader } from '../../../../components/PageHeader';

/** 重大事项详情 (scaffold: filled in by its work). */
export default function MatterPage() {
  return <PageHeader title="重大事项详情" />;
}
