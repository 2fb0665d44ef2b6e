import { Alert, Card, Descriptions } from 'antd';
import { useUser } from '../../../auth/AuthProvider';
import { useT } from '../../../i18n/I18nProvider';
import { PageHeader } from '../../../components/PageHeader';
import { OrgStatusTag, RoleTag, UserStatusTag } from '../../../components/Tags';
import { formatDateTime } from '../../../components/format';

/** The signed-in account as the server sees it; personal numbers arrive masked. */
export default function ProfilePage() {
  const t = useT();
  const user = useUser();
  const resident = user.role === 'resident';
  return (
    <div data-testid="page-profile">
      <PageHeader title={t('profile.title')} />
      {resident ? <Alert type="info" showIcon title={t('profile.masked')} className="hx-block" /> : null}
      <Card>
        <Descriptions column={{ xs: 1, sm: 1, md: 2 }} bordered size="middle">
          <Descriptions.Item label={t('profile.account')}>{user.username}</Descriptions.Item>
          <Descriptions.Item label={resident ? t('profile.realName') : t('field.displayName')}>{user.displayName}</Descriptions.Item>
          <Descriptions.Item label={t('field.role')}>
            <RoleTag role={user.role} />
          </Descriptions.Item>
          <Descriptions.Item label={t('field.status')}>
            <UserStatusTag status={user.status} />
          </Descriptions.Item>
          <Descriptions.Item label={t('field.organization')}>
            {user.organization.name} <OrgStatusTag status={user.organization.status} />
          </Descriptions.Item>
          <Descriptions.Item label={t('field.mobile')}>
            <span data-testid="profile-mobile">{user.mobile ?? '—'}</span>
          </Descriptions.Item>
          {resident || user.idNumber ? (
            <Descriptions.Item label={t('field.idNumber')}>
              <span data-testid="profile-idNumber">{user.idNumber ?? '—'}</span>
            </Descriptions.Item>
          ) : null}
          <Descriptions.Item label={t('field.locale')}>{user.locale === 'en' ? 'English' : user.locale === 'zh-CN' ? '中文' : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('field.lastLoginAt')}>{formatDateTime(user.lastLoginAt)}</Descriptions.Item>
          <Descriptions.Item label={t('field.createdAt')}>{formatDateTime(user.createdAt)}</Descriptions.Item>
        </Descriptions>
      </Card>
    </div>
  );
}
