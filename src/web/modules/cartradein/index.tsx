import { lazy } from 'react';
import {
  AlertOutlined,
  AuditOutlined,
  CalendarOutlined,
  CarOutlined,
  FileAddOutlined,
  FileSearchOutlined,
  PayCircleOutlined,
  ProfileOutlined,
  ScheduleOutlined,
} from '@ant-design/icons';
import type { WebModule } from '../../layout/webModule';
import { cartradeinMessages } from './messages';

/**
 * The car trade-in pages. As on the server (policies/*.ts): residents apply and see their own applications;
 * departments (市商务局 reviews, 市财政局 pays; the service decides by grant), the office and auditors read the
 * queue and batches; the events calendar is everyone's; the office (and auditors, 市商务局/市财政局) follow overdue steps.
 */
const pages = {
  Programs: lazy(() => import('./pages/ProgramsPage')),
  Program: lazy(() => import('./pages/programs/ProgramPage')),
  ProgramNew: lazy(() => import('./pages/programs/ProgramCreatePage')),
  Apply: lazy(() => import('./pages/ApplyPage')),
  Mine: lazy(() => import('./pages/MyApplicationsPage')),
  Application: lazy(() => import('./pages/ApplicationPage')),
  Resubmit: lazy(() => import('./pages/ResubmitPage')),
  Review: lazy(() => import('./pages/ReviewQueuePage')),
  Payments: lazy(() => import('./pages/PaymentsPage')),
  Events: lazy(() => import('./pages/EventsPage')),
  Overdue: lazy(() => import('./pages/OverduePage')),
  Calendar: lazy(() => import('./pages/CalendarPage')),
};

const OFFICIALS = ['office', 'department', 'auditor'] as const;

export type CartradeinMessageKey = keyof typeof cartradeinMessages;

export const cartradein: WebModule<CartradeinMessageKey> = {
  name: 'cartradein',
  sections: [{ key: 'car', labelKey: 'nav.section.car', order: 30 }],
  navigation: [
    {
      key: 'car-programs',
      path: '/car/programs',
      labelKey: 'nav.carPrograms',
      descriptionKey: 'nav.carPrograms.desc',
      icon: <CarOutlined />,
      roles: 'all',
      section: 'car',
      page: pages.Programs,
    },
    {
      key: 'car-program-new',
      path: '/car/programs/new',
      labelKey: 'nav.carProgramNew',
      icon: <CarOutlined />,
      roles: ['office', 'department'],
      section: 'car',
      page: pages.ProgramNew,
      menu: false,
    },
    {
      key: 'car-program',
      path: '/car/programs/:id',
      labelKey: 'nav.carProgram',
      icon: <CarOutlined />,
      roles: OFFICIALS,
      section: 'car',
      page: pages.Program,
      menu: false,
    },
    {
      key: 'car-apply',
      path: '/car/apply',
      labelKey: 'nav.carApply',
      descriptionKey: 'nav.carApply.desc',
      icon: <FileAddOutlined />,
      roles: ['resident'],
      section: 'car',
      page: pages.Apply,
    },
    {
      key: 'car-mine',
      path: '/car/my',
      labelKey: 'nav.carMine',
      descriptionKey: 'nav.carMine.desc',
      icon: <ProfileOutlined />,
      roles: ['resident'],
      section: 'car',
      page: pages.Mine,
    },
    {
      key: 'car-application',
      path: '/car/applications/:id',
      labelKey: 'nav.carApplication',
      icon: <FileSearchOutlined />,
      roles: ['resident', ...OFFICIALS],
      section: 'car',
      page: pages.Application,
      menu: false,
    },
    {
      key: 'car-resubmit',
      path: '/car/applications/:id/edit',
      labelKey: 'nav.carApplication',
      icon: <FileSearchOutlined />,
      roles: ['resident'],
      section: 'car',
      page: pages.Resubmit,
      menu: false,
    },
    {
      key: 'car-review',
      path: '/car/review',
      labelKey: 'nav.carReview',
      descriptionKey: 'nav.carReview.desc',
      icon: <AuditOutlined />,
      roles: OFFICIALS,
      section: 'car',
      page: pages.Review,
    },
    {
      key: 'car-payments',
      path: '/car/payments',
      labelKey: 'nav.carPayments',
      descriptionKey: 'nav.carPayments.desc',
      icon: <PayCircleOutlined />,
      roles: OFFICIALS,
      section: 'car',
      page: pages.Payments,
    },
    {
      key: 'car-events',
      path: '/car/events',
      labelKey: 'nav.carEvents',
      descriptionKey: 'nav.carEvents.desc',
      icon: <CalendarOutlined />,
      roles: 'all',
      section: 'car',
      page: pages.Events,
    },
    {
      key: 'car-overdue',
      path: '/car/overdue',
      labelKey: 'nav.carOverdue',
      descriptionKey: 'nav.carOverdue.desc',
      icon: <AlertOutlined />,
      roles: OFFICIALS,
      section: 'car',
      page: pages.Overdue,
    },
    {
      key: 'car-calendar',
      path: '/car/calendar',
      labelKey: 'nav.carCalendar',
      descriptionKey: 'nav.carCalendar.desc',
      icon: <ScheduleOutlined />,
      roles: OFFICIALS,
      section: 'car',
      page: pages.Calendar,
    },
  ],
  messages: cartradeinMessages,
  // 市商务局 reviews and runs the car programmes, 市财政局 pays (server: cartradein grantDomains).
  grantDomains: [
    {
      domain: 'cartradein',
      labelKey: 'nav.section.car',
      capabilityHelpKeys: { manage: 'car.grants.capHelp.manage', confirm_payment: 'car.grants.capHelp.confirm_payment' },
    },
  ],
};
