import { useState } from 'react';
import { Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../../../components/PageHeader';
import { useT } from '../../../../i18n/I18nProvider';
import { ProjectTable } from './parts';
import { ProjectDrawer } from './ProjectDrawer';
import './projects.css';

/** The town's check queue (submitted projects of its enterprises) and all its projects once submitted. */
export default function TownProjectsPage() {
  const t = useT();
  const [search] = useSearchParams();
  const [openId, setOpenId] = useState<number | null>(Number(search.get('id')) || null);
  return (
    <div data-testid="page-renewal-town-projects">
      <PageHeader title={t('renewal.nav.townProjects')} subtitle={t('renewal.proj.townSubtitle')} />
      <Tabs
        destroyOnHidden
        items={[
          {
            key: 'queue',
            label: t('renewal.proj.tab.townQueue'),
            children: <ProjectTable scope="town" onOpen={setOpenId} fixed={{ status: 'submitted' }} showTown={false} testId="project-town-queue" />,
          },
          { key: 'all', label: t('renewal.proj.tab.townAll'), children: <ProjectTable scope="town" onOpen={setOpenId} showTown={false} /> },
        ]}
      />
      <ProjectDrawer id={openId} onClose={() => setOpenId(null)} />
    </div>
  );
}
