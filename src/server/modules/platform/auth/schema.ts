import { z } from 'zod';
import { LOCALES } from '../../../../shared/roles.js';
import { zCitizenId, zMobile, zPassword } from '../../../../shared/zodFields.js';
import { userViewSchema } from '../users/userView.js';

export const loginBody = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});

export const sessionResponse = z.object({ user: userViewSchema, csrfToken: z.string(), expiresAt: z.string() });
export const meResponse = z.object({ user: userViewSchema, csrfToken: z.string().nullable() });

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: zPassword(),
});

export const localeBody = z.object({ locale: z.enum(LOCALES) });

export const residentRegistrationBody = z
  .object({
    mobile: zMobile(),
    password: zPassword(),
    realName: z.string().trim().min(2).max(30),
    idNumber: zCitizenId(),
  })
  .strict();
