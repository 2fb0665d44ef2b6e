import { useState } from 'react';
import { Button } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../../../components/PageHeader';
import { useT } from '../../../../i18n/I18nProvider';
import type { ProjectDetail } from './api';
import { ProjectTable } from './parts';
import { ProjectDrawer } from './ProjectDrawer';
import { ProjectFormDrawer } from './ProjectFormDrawer';
import './projects.css';

/** 我的项目: an enterprise (or public body) registers its projects, submits them, starts and completes them. */
export default function MyProjectsPage() {
  const t = useT();
  const [search] = useSearchParams();
  const [openId, setOpenId] = useState<number | null>(Number(search.get('id')) || null);
  const [editing, setEditing] = useState<{ project: ProjectDetail | null } | null>(null);
  return (
    <div data-testid="page-renewal-my-projects">
      <PageHeader
        title={t('renewal.nav.myProjects')}
        subtitle={t('renewal.proj.mySubtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ project: null })} data-testid="project-new">
            {t('renewal.proj.new')}
          </Button>
        }
      />
      <ProjectTable scope="mine" onOpen={setOpenId} showTown={false} />
      <ProjectDrawer id={openId} onClose={() => setOpenId(null)} onEdit={(p) => setEditing({ project: p })} />
      <ProjectFormDrawer
        open={editing !== null}
        project={editing?.project ?? null}
        onClose={() => setEditing(null)}
        onSaved={(p) => {
          setEditing(null);
          setOpenId(p.id);
        }}
      />
    </div>
  );
}
