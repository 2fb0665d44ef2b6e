import { PageHeader } from '../../../../components/PageHeader';

/** 重大事项 (scaffold: filled in by its work). */
export default function MattersPage() {
  return <PageHeader title="重大事项" />;
}
