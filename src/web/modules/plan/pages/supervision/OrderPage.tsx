import { PageHeader } from '../../../../components/PageHeader';

/** 督办单详情 (scaffold: filled in by its work). */
export default function OrderPage() {
  return <PageHeader title="督办单详情" />;
}
