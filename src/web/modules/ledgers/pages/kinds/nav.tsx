import { lazy } from 'react';
import { BookOutlined, FormOutlined, PlusOutlined } from '@ant-design/icons';
import type { NavItem } from '../../../../layout/navigation';
import type { LedgersMessageKey } from '../../index';

const pages = {
  Kinds: lazy(() => import('./KindsPage')),
  Editor: lazy(() => import('./KindEditorPage')),
};

/**
 * The ledger kinds pages: the list of ledgers (every role that reads kinds; towns see those open to them), a new
 * kind (the office and departments; the server asks for the ledgers grant) and a kind's definition (read-only
 * unless the caller may define it).
 */
export const kindsNavigation: NavItem<LedgersMessageKey>[] = [
  {
    key: 'ledgers-kinds',
    path: '/ledgers',
    labelKey: 'ledgers.nav.kinds',
    descriptionKey: 'ledgers.nav.kinds.desc',
    icon: <BookOutlined />,
    roles: ['office', 'department', 'town', 'auditor'],
    section: 'ledgers',
    page: pages.Kinds,
  },
  {
    key: 'ledgers-kind-new',
    path: '/ledgers/kinds/new',
    labelKey: 'ledgers.nav.kindNew',
    icon: <PlusOutlined />,
    roles: ['office', 'department'],
    section: 'ledgers',
    page: pages.Editor,
    menu: false,
  },
  {
    key: 'ledgers-kind-definition',
    path: '/ledgers/kinds/:id/definition',
    labelKey: 'ledgers.nav.kindDefinition',
    icon: <FormOutlined />,
    roles: ['office', 'department', 'town', 'auditor'],
    section: 'ledgers',
    page: pages.Editor,
    menu: false,
  },
];
