import { PageHeader } from '../../../../components/PageHeader';

/** 方案导入 (scaffold: filled in by its work). */
export default function IntakePage() {
  return <PageHeader title="方案导入" />;
}
