import { lazy } from 'react';
import { DashboardOutlined, FileDoneOutlined, FormOutlined, PartitionOutlined } from '@ant-design/icons';
import type { WebModule } from '../../layout/webModule';
import { planMessages } from './messages';

/**
 * The plan module's pages. The server's policies decide the same: the plan and its dashboard are read by the office,
 * departments, towns and auditors (edited by the office only); the review desk is the office's (auditors look);
 * the workspace belongs to the reporting departments and towns.
 */
const pages = {
  Dashboard: lazy(() => import('./pages/dashboard/DashboardPage')),
  Tree: lazy(() => import('./pages/PlanTreePage')),
  Reports: lazy(() => import('./pages/ReportsPage')),
  Report: lazy(() => import('./pages/ReportPage')),
  Workspace: lazy(() => import('./pages/WorkspacePage')),
  Intake: lazy(() => import('./pages/intake/IntakePage')),
  Orders: lazy(() => import('./pages/supervision/OrdersPage')),
  Order: lazy(() => import('./pages/supervision/OrderPage')),
  Matters: lazy(() => import('./pages/matters/MattersPage')),
  Matter: lazy(() => import('./pages/matters/MatterPage')),
  Cascade: lazy(() => import('./pages/cascade/CascadePage')),
};

export type PlanMessageKey = keyof typeof planMessages;

export const plan: WebModule<PlanMessageKey> = {
  name: 'plan',
  sections: [{ key: 'plan', labelKey: 'nav.section.plan', order: 20 }],
  navigation: [
    {
      key: 'plan-dashboard',
      path: '/plan/dashboard',
      labelKey: 'nav.planDashboard',
      descriptionKey: 'nav.planDashboard.desc',
      icon: <DashboardOutlined />,
      roles: ['office', 'department', 'town', 'auditor'],
      section: 'plan',
      page: pages.Dashboard,
    },
    {
      key: 'plan-workspace',
      path: '/plan/workspace',
      labelKey: 'nav.planWorkspace',
      descriptionKey: 'nav.planWorkspace.desc',
      icon: <FormOutlined />,
      roles: ['department', 'town'],
      section: 'plan',
      page: pages.Workspace,
    },
    {
      key: 'plan-reports',
      path: '/plan/reports',
      labelKey: 'nav.planReports',
      descriptionKey: 'nav.planReports.desc',
      icon: <FileDoneOutlined />,
      roles: ['office', 'auditor'],
      section: 'plan',
      page: pages.Reports,
    },
    {
      key: 'plan-tree',
      path: '/plan/tree',
      labelKey: 'nav.planTree',
      descriptionKey: 'nav.planTree.desc',
      icon: <PartitionOutlined />,
      roles: ['office', 'department', 'town', 'auditor'],
      section: 'plan',
      page: pages.Tree,
    },
    {
      key: 'plan-report',
      path: '/plan/reports/:id',
      labelKey: 'nav.planReport',
      icon: <FileDoneOutlined />,
      roles: ['office', 'department', 'town', 'auditor'],
      section: 'plan',
      page: pages.Report,
      menu: false,
    },
    // Scaffolded for issue 16: each work fills in its labels, descriptions and final roles.
    {
      key: 'plan-intake',
      path: '/plan/intake',
      labelKey: 'nav.planIntake',
      icon: <FileDoneOutlined />,
      roles: ['office'],
      section: 'plan',
      page: pages.Intake,
    },
    {
      key: 'plan-orders',
      path: '/plan/orders',
      labelKey: 'nav.planOrders',
      descriptionKey: 'nav.planOrders.desc',
      icon: <FileDoneOutlined />,
      roles: ['office', 'department', 'town', 'auditor'],
      section: 'plan',
      page: pages.Orders,
    },
    {
      key: 'plan-order',
      path: '/plan/orders/:id',
      labelKey: 'nav.planOrder',
      icon: <FileDoneOutlined />,
      roles: ['office', 'department', 'town', 'auditor'],
      section: 'plan',
      page: pages.Order,
      menu: false,
    },
    {
      key: 'plan-matters',
      path: '/plan/matters',
      labelKey: 'nav.planMatters',
      descriptionKey: 'nav.planMatters.desc',
      icon: <FileDoneOutlined />,
      roles: ['office', 'department', 'town', 'auditor'],
      section: 'plan',
      page: pages.Matters,
    },
    {
      key: 'plan-matter',
      path: '/plan/matters/:id',
      labelKey: 'nav.planMatter',
      icon: <FileDoneOutlined />,
      roles: ['office', 'department', 'town', 'auditor'],
      section: 'plan',
      page: pages.Matter,
      menu: false,
    },
    {
      key: 'plan-cascade',
      path: '/plan/cascade',
      labelKey: 'nav.planCascade',
      descriptionKey: 'nav.planCascade.desc',
      icon: <PartitionOutlined />,
      roles: ['office', 'department', 'town', 'auditor'],
      section: 'plan',
      page: pages.Cascade,
    },
  ],
  messages: planMessages,
};
