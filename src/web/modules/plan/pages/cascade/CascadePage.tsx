import { PageHeader } from '../../../../components/PageHeader';

/** 指标上下级 (scaffold: filled in by its work). */
export default function CascadePage() {
  return <PageHeader title="指标上下级" />;
}
