import { useState } from 'react';
import { Tabs } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../../../../components/PageHeader';
import { useUser } from '../../../../auth/AuthProvider';
import { useT } from '../../../../i18n/I18nProvider';
import { PROJECT_PAGES } from './api';
import { ImportPanel } from './ImportPanel';
import { ProjectTable } from './parts';
import { ProjectDrawer } from './ProjectDrawer';
import './projects.css';

/**
 * The department's page: the approval queue (checked by the towns, or on the simplified path), the project library
 * with its filters and export, and the import of an existing list. Auditors and 市财政局 read the library.
 */
export default function LibraryPage() {
  const t = useT();
  const user = useUser();
  const [search] = useSearchParams();
  const [openId, setOpenId] = useState<number | null>(Number(search.get('id')) || null);
  const manager = user.role === 'office' || user.role === 'department';
  return (
    <div data-testid="page-renewal-library">
      <PageHeader
        title={t('renewal.nav.library')}
        subtitle={t('renewal.proj.librarySubtitle')}
        extra={<Link to={PROJECT_PAGES.recognitions}>{t('renewal.nav.recognitions')}</Link>}
      />
      <Tabs
        destroyOnHidden
        items={[
          {
            key: 'queue',
            label: t('renewal.proj.tab.approvalQueue'),
            children: <ProjectTable scope="all" onOpen={setOpenId} fixed={{ status: 'town_checked' }} testId="project-approval-queue" />,
          },
          {
            key: 'library',
            label: t('renewal.proj.tab.library'),
            children: <ProjectTable scope="all" onOpen={setOpenId} exportable testId="project-library" />,
          },
          ...(manager ? [{ key: 'import', label: t('renewal.proj.tab.import'), children: <ImportPanel /> }] : []),
        ]}
      />
      <ProjectDrawer id={openId} onClose={() => setOpenId(null)} />
    </div>
  );
}
