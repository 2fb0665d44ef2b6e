import { z } from 'zod';
import { ROLES } from '../../../../shared/roles.js';
import { zMobile, zPassword } from '../../../../shared/zodFields.js';
import { listQuery, pageOf } from '../../../http/schema.js';
import { userViewSchema } from './userView.js';

export const listUsersQuery = listQuery(['username', 'displayName', 'role', 'createdAt', 'lastLoginAt'] as const).extend({
  role: z.enum(ROLES).optional(),
  organizationId: z.coerce.number().int().positive().optional(),
  status: z.enum(['active', 'disabled']).optional(),
});
export type ListUsersQuery = z.infer<typeof listUsersQuery>;

export const userPage = pageOf(userViewSchema);

export const usernameField = z
  .string()
  .trim()
  .min(3)
  .max(40)
  .regex(/^[A-Za-z][A-Za-z0-9_.-]*$/);

export const createUserBody = z
  .object({
    username: usernameField,
    displayName: z.string().trim().min(1).max(50),
    role: z.enum(ROLES),
    organizationId: z.number().int().positive(),
    password: zPassword(),
    mobile: zMobile().optional(),
    mustChangePassword: z.boolean().default(true),
  })
  .strict();
export type CreateUserInput = z.infer<typeof createUserBody>;

export const changeRoleBody = z.object({ role: z.enum(ROLES) }).strict();

export const resetPasswordBody = z.object({ newPassword: zPassword() }).strict();

export const sessionSchema = z.object({
  id: z.string(),
  userId: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  organizationName: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});
export const sessionPage = pageOf(sessionSchema);
export const listSessionsQuery = listQuery(['createdAt', 'lastSeenAt'] as const);

export const apiTokenSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  prefix: z.string(),
  role: z.enum(ROLES),
  organizationId: z.number().int(),
  organizationName: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export const createApiTokenBody = z
  .object({
    name: z.string().trim().min(2).max(60),
    role: z.enum(ROLES),
    organizationId: z.number().int().positive(),
    expiresAt: z.iso.datetime().optional(),
  })
  .strict();
export type CreateApiTokenInput = z.infer<typeof createApiTokenBody>;
