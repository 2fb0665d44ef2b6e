import { PageHeader } from '../../../../components/PageHeader';
import { useT } from '../../../../i18n/I18nProvider';
import { InvoicesView } from './InvoicesView';
import './intake.css';

/** A recycler's reverse invoices by month, with the totals and the Excel it files. */
export default function ReverseInvoicesPage() {
  const t = useT();
  return (
    <div className="hx-intake">
      <PageHeader title={t('recycling.nav.invoices')} subtitle={t('recycling.nav.invoices.desc')} testId="invoices-page" />
      <InvoicesView />
    </div>
  );
}
