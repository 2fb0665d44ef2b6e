import { PageHeader } from '../../../../components/PageHeader';
import { useT } from '../../../../i18n/I18nProvider';
import { PickupList } from '../RecyclerPickupsPage';
import './pickups.css';

/** Every booking, for 市商务局, the office and auditors: where escalations and disputes are followed up. */
export default function ManagerPickupsPage() {
  const t = useT();
  return (
    <div className="hx-pickups">
      <PageHeader title={t('recycling.nav.allPickups')} testId="all-pickups" />
      <PickupList which="all" />
    </div>
  );
}
