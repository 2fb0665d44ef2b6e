import { Tag } from 'antd';
import type { OrganizationKind, OrganizationStatus, Role } from '../../shared/roles';
import { useT } from '../i18n/I18nProvider';

const ROLE_COLORS: Record<Role, string> = {
  office: 'geekblue',
  department: 'blue',
  town: 'cyan',
  enterprise: 'purple',
  merchant: 'magenta',
  recycler: 'green',
  resident: 'gold',
  auditor: 'volcano',
  admin: 'red',
  security: 'orange',
};

export function RoleTag({ role }: { role: Role }) {
  const t = useT();
  return (
    <Tag color={ROLE_COLORS[role]} data-testid="role-tag">
      {t(`role.${role}`)}
    </Tag>
  );
}

const STATUS_COLORS: Record<OrganizationStatus, string> = {
  pending: 'warning',
  active: 'success',
  rejected: 'error',
  suspended: 'default',
};

export function OrgStatusTag({ status }: { status: OrganizationStatus }) {
  const t = useT();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid={`org-status-${status}`}>
      {t(`orgStatus.${status}`)}
    </Tag>
  );
}

export function OrgKindText({ kind }: { kind: OrganizationKind }) {
  const t = useT();
  return <>{t(`orgKind.${kind}`)}</>;
}

export function UserStatusTag({ status }: { status: 'active' | 'disabled' }) {
  const t = useT();
  return <Tag color={status === 'active' ? 'success' : 'default'}>{t(`userStatus.${status}`)}</Tag>;
}
