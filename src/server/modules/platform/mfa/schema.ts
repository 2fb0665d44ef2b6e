import { z } from 'zod';

export const mfaCode = z
  .string()
  .trim()
  .refine((v) => /^\d{6}$/.test(v), { message: 'field.mfa.code' })
  .describe('The 6-digit code the authenticator app shows now (RFC 6238, 30 s)');
export const recoveryCode = z.string().trim().min(10).max(20).describe('One of the ten recovery codes (xxxxx-xxxxx); each works once');

export const mfaMyView = z
  .object({
    enabled: z.boolean(),
    confirmedAt: z.string().nullable(),
    /** An enrolment was started and waits for its first code. */
    pending: z.boolean(),
    recoveryCodesLeft: z.number().int(),
    /** The account's role must use a second factor (it cannot be turned off). */
    required: z.boolean(),
  })
  .meta({ id: 'MfaStatus' });
export type MfaMyView = z.infer<typeof mfaMyView>;

export const mfaEnrolmentView = z
  .object({
    secret: z.string().describe('Base32 secret, shown this once'),
    otpauthUri: z.string().describe('otpauth://totp/… for an authenticator app'),
  })
  .meta({ id: 'MfaEnrolment' });
export type MfaEnrolmentView = z.infer<typeof mfaEnrolmentView>;

export const codeBody = z.object({ code: mfaCode }).strict();
export const recoveryCodesView = z.object({ recoveryCodes: z.array(z.string()).describe('Shown this once; only their hashes are kept') });

export const mfaUserStatus = z.object({ userId: z.number().int(), enabled: z.boolean(), enabledAt: z.string().nullable(), required: z.boolean() });
export type MfaUserStatus = z.infer<typeof mfaUserStatus>;

export const mfaStatusQuery = z.object({
  userIds: z
    .string()
    .trim()
    .max(2000)
    .regex(/^\d{1,12}(,\d{1,12}){0,199}$/, { message: 'field.invalid' })
    .describe('Comma-separated account ids (at most 200)'),
});
