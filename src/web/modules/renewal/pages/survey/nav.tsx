import { lazy } from 'react';
import { AuditOutlined, FormOutlined, LineChartOutlined } from '@ant-design/icons';
import type { NavItem } from '../../../../layout/navigation';
import type { RenewalMessageKey } from '../../index';

const pages = {
  Mine: lazy(() => import('./MySurveyPage')),
  Check: lazy(() => import('./CheckPage')),
  Admin: lazy(() => import('./SurveyPage')),
};

/**
 * The survey pages in the menu, as the server's policy (renewal/policies/survey.ts) has it: enterprises answer,
 * towns check, the office, departments and auditors see rounds, the register and the results (市工信局 and the
 * office also keep them).
 */
export const surveyNavigation: NavItem<RenewalMessageKey>[] = [
  {
    key: 'renewal-survey-mine',
    path: '/renewal/survey/mine',
    labelKey: 'renewal.survey.nav.mine',
    descriptionKey: 'renewal.survey.nav.mine.desc',
    icon: <FormOutlined />,
    roles: ['enterprise'],
    section: 'renewal',
    page: pages.Mine,
  },
  {
    key: 'renewal-survey-check',
    path: '/renewal/survey/check',
    labelKey: 'renewal.survey.nav.check',
    descriptionKey: 'renewal.survey.nav.check.desc',
    icon: <AuditOutlined />,
    roles: ['town'],
    section: 'renewal',
    page: pages.Check,
  },
  {
    key: 'renewal-survey',
    path: '/renewal/survey',
    labelKey: 'renewal.survey.nav.admin',
    descriptionKey: 'renewal.survey.nav.admin.desc',
    icon: <LineChartOutlined />,
    roles: ['office', 'department', 'auditor'],
    section: 'renewal',
    page: pages.Admin,
  },
];
