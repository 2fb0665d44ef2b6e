import { PageHeader } from '../../../../components/PageHeader';

/** 督办单 (scaffold: filled in by its work). */
export default function OrdersPage() {
  return <PageHeader title="督办单" />;
}
