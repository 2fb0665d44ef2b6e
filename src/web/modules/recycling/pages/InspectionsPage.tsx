import { Button, Tabs, Typography } from 'antd';
import { CameraOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router';
import { useUser } from '../../../auth/AuthProvider';
import { PageHeader } from '../../../components/PageHeader';
import { useT } from '../../../i18n/I18nProvider';
import { INSPECT_PATH, useRectificationCounts } from './inspections/api';
import { InspectionDrawer } from './inspections/InspectionDrawer';
import { InspectionList } from './inspections/InspectionList';
import { RectificationList } from './inspections/RectificationList';
import './inspections/inspections.css';

const INSPECTORS = ['office', 'department', 'town'];
const OFFICIALS = ['office', 'department', 'auditor'];

/**
 * Supervision of the recycling network: every inspection the caller may see (officials all, a town its own, an
 * operator its sites'), the rectifications to follow up, and the overdue ones with their count. `?open=<id>`
 * opens one inspection (the notifications link there).
 */
export default function InspectionsPage() {
  const t = useT();
  const user = useUser();
  const counts = useRectificationCounts();
  const [search, setSearch] = useSearchParams();
  const open = Number(search.get('open')) || null;
  const setOpen = (id: number | null) =>
    setSearch(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (id === null) next.delete('open');
        else next.set('open', String(id));
        return next;
      },
      { replace: true },
    );
  const c = counts.data;
  return (
    <div data-testid="page-recycling-inspections">
      <PageHeader
        title={t('nav.recyclingInspections')}
        subtitle={t('recycling.insp.subtitle')}
        extra={
          INSPECTORS.includes(user.role) ? (
            <Link to={INSPECT_PATH}>
              <Button type="primary" icon={<CameraOutlined />} data-testid="inspection-new">
                {t('recycling.insp.new')}
              </Button>
            </Link>
          ) : null
        }
      />
      {c ? (
        <Typography.Paragraph data-testid="rectification-counts">
          {t('recycling.insp.counts', { open: c.open, submitted: c.submitted, overdue: c.overdue, closed: c.closed })}
        </Typography.Paragraph>
      ) : null}
      <Tabs
        destroyOnHidden
        items={[
          {
            key: 'all',
            label: <span data-testid="inspections-tab-all">{t('recycling.insp.tab.all')}</span>,
            children: <InspectionList onOpen={setOpen} officials={OFFICIALS.includes(user.role)} />,
          },
          {
            key: 'rectifications',
            label: <span data-testid="inspections-tab-rectifications">{t('recycling.insp.tab.rectifications')}</span>,
            children: <RectificationList onOpen={setOpen} />,
          },
          {
            key: 'overdue',
            label: <span data-testid="inspections-tab-overdue">{t('recycling.insp.tab.overdue', { n: c?.overdue ?? 0 })}</span>,
            children: <RectificationList fixed="overdue" onOpen={setOpen} />,
          },
        ]}
      />
      <InspectionDrawer id={open} onClose={() => setOpen(null)} />
    </div>
  );
}
