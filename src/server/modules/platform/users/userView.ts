import { z } from 'zod';
import type { Queryable } from '../../../db/database.js';
import { ROLES, ORGANIZATION_KINDS, ORGANIZATION_STATUSES } from '../../../../shared/roles.js';

export const organizationRefSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.enum(ORGANIZATION_KINDS),
  status: z.enum(ORGANIZATION_STATUSES),
  townId: z.number().int().nullable(),
});

export const userViewSchema = z
  .object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    role: z.enum(ROLES),
    status: z.enum(['active', 'disabled']),
    mustChangePassword: z.boolean(),
    locale: z.enum(['zh-CN', 'en']).nullable(),
    mobile: z.string().nullable().describe('masked'),
    idNumber: z.string().nullable().describe('masked'),
    organization: organizationRefSchema,
    lastLoginAt: z.string().nullable(),
    createdAt: z.string(),
    isDemo: z.boolean(),
  })
  .meta({ id: 'User' });
export type UserView = z.infer<typeof userViewSchema>;

export function selectUserViews(db: Queryable) {
  return db
    .selectFrom('users')
    .innerJoin('organizations', 'organizations.id', 'users.organization_id')
    .select([
      'users.id',
      'users.username',
      'users.display_name',
      'users.role',
      'users.status',
      'users.must_change_password',
      'users.locale',
      'users.mobile_mask',
      'users.id_number_mask',
      'users.last_login_at',
      'users.created_at',
      'users.is_demo',
      'organizations.id as org_id',
      'organizations.name as org_name',
      'organizations.kind as org_kind',
      'organizations.status as org_status',
      'organizations.town_id as org_town_id',
    ]);
}

type UserViewRow = Awaited<ReturnType<ReturnType<typeof selectUserViews>['executeTakeFirstOrThrow']>>;

export function toUserView(r: UserViewRow): UserView {
  return {
    id: Number(r.id),
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    status: r.status,
    mustChangePassword: r.must_change_password === 1,
    locale: r.locale === 'en' || r.locale === 'zh-CN' ? r.locale : null,
    mobile: r.mobile_mask,
    idNumber: r.id_number_mask,
    organization: {
      id: Number(r.org_id),
      name: r.org_name,
      kind: r.org_kind,
      status: r.org_status,
      townId: r.org_kind === 'town' ? Number(r.org_id) : r.org_town_id === null ? null : Number(r.org_town_id),
    },
    lastLoginAt: r.last_login_at,
    createdAt: r.created_at,
    isDemo: r.is_demo === 1,
  };
}

export async function loadUserView(db: Queryable, id: number): Promise<UserView> {
  return toUserView(await selectUserViews(db).where('users.id', '=', id).executeTakeFirstOrThrow());
}
