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

/**
 * A right password of an account that must also give a second factor (TOTP on, or its role in HUANXIN_MFA_ROLES):
 * no session yet. The challenge goes to POST /api/auth/login/mfa with a code; when `enrolmentRequired`, the
 * account first enrols an authenticator through POST /api/auth/login/mfa/enrol with the same challenge.
 */
export const mfaChallengeResponse = z
  .object({
    mfaRequired: z.literal(true),
    challenge: z.string().describe('Opaque, single use, valid for 5 minutes'),
    enrolmentRequired: z.boolean().describe('The role requires a second factor and the account has none yet: enrol first'),
  })
  .meta({ id: 'MfaChallenge' });

export const loginResponse = z.union([sessionResponse, mfaChallengeResponse]);

export const mfaLoginBody = z
  .object({
    challenge: z.string().trim().min(10).max(200),
    code: z
      .string()
      .trim()
      .refine((v) => /^\d{6}$/.test(v), { message: 'field.mfa.code' })
      .optional()
      .describe('The 6-digit code of the authenticator app'),
    recoveryCode: z.string().trim().min(10).max(20).optional().describe('One of the recovery codes instead (each works once)'),
  })
  .strict()
  .refine((b) => (b.code === undefined) !== (b.recoveryCode === undefined), { message: 'field.mfa.oneOf', path: ['code'] });

export const mfaSessionResponse = sessionResponse.extend({
  recoveryCodes: z.array(z.string()).optional().describe('Only after enrolling at sign-in: the ten recovery codes, shown once'),
});

export const mfaChallengeBody = z.object({ challenge: z.string().trim().min(10).max(200) }).strict();
export const mfaEnrolmentResponse = z.object({ secret: z.string(), otpauthUri: z.string() });
