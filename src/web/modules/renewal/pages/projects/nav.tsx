import { lazy } from 'react';
import { AuditOutlined, DatabaseOutlined, ProjectOutlined, TrophyOutlined } from '@ant-design/icons';
import type { NavItem } from '../../../../layout/navigation';
import type { RenewalMessageKey } from '../../index';

const pages = {
  Mine: lazy(() => import('./MyProjectsPage')),
  Town: lazy(() => import('./TownProjectsPage')),
  Library: lazy(() => import('./LibraryPage')),
  Recognitions: lazy(() => import('./RecognitionsPage')),
};

/**
 * The projects pages in the menu: the enterprise's own (public bodies are enterprise accounts too), the town's
 * check queue, the department's approval queue and library (市工信局; 市财政局, the office and auditors read it),
 * and the roll of smart-manufacturing recognitions.
 */
export const projectsNavigation: NavItem<RenewalMessageKey>[] = [
  {
    key: 'renewal-my-projects',
    path: '/renewal/projects/mine',
    labelKey: 'renewal.nav.myProjects',
    descriptionKey: 'renewal.nav.myProjects.desc',
    icon: <ProjectOutlined />,
    roles: ['enterprise'],
    section: 'renewal',
    page: pages.Mine,
  },
  {
    key: 'renewal-town-projects',
    path: '/renewal/projects/town',
    labelKey: 'renewal.nav.townProjects',
    descriptionKey: 'renewal.nav.townProjects.desc',
    icon: <AuditOutlined />,
    roles: ['town'],
    section: 'renewal',
    page: pages.Town,
  },
  {
    key: 'renewal-library',
    path: '/renewal/projects/library',
    labelKey: 'renewal.nav.library',
    descriptionKey: 'renewal.nav.library.desc',
    icon: <DatabaseOutlined />,
    roles: ['office', 'department', 'auditor'],
    section: 'renewal',
    page: pages.Library,
  },
  {
    key: 'renewal-recognitions',
    path: '/renewal/projects/recognitions',
    labelKey: 'renewal.nav.recognitions',
    descriptionKey: 'renewal.nav.recognitions.desc',
    icon: <TrophyOutlined />,
    roles: ['office', 'department', 'auditor', 'town', 'enterprise'],
    section: 'renewal',
    page: pages.Recognitions,
  },
];
