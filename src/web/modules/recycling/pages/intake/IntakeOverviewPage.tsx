import { Tabs } from 'antd';
import { PageHeader } from '../../../../components/PageHeader';
import { useT } from '../../../../i18n/I18nProvider';
import { IntakeList } from './IntakeList';
import { InvoicesView } from './InvoicesView';
import './intake.css';

/** For 市商务局, the office and auditors: every recycler's intake records and reverse invoices, by recycler. */
export default function IntakeOverviewPage() {
  const t = useT();
  return (
    <div className="hx-intake">
      <PageHeader title={t('recycling.nav.intakeAll')} subtitle={t('recycling.nav.intakeAll.desc')} testId="intake-overview" />
      <Tabs
        items={[
          { key: 'intake', label: t('recycling.ri.tab.intake'), children: <IntakeList overview /> },
          { key: 'invoices', label: t('recycling.ri.tab.invoices'), children: <InvoicesView overview /> },
        ]}
      />
    </div>
  );
}
