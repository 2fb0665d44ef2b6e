/**
 * Shapes of the API's answers, taken from the server's own zod schemas (type-only imports: nothing of the server
 * reaches the bundle), so the web app and the API cannot drift apart unnoticed.
 */
import type { z } from 'zod';
import type { UserView } from '../../server/modules/platform/users/userView';
import type { OrganizationView } from '../../server/modules/platform/organizations/schema';
import type { apiTokenSchema, sessionSchema } from '../../server/modules/platform/users/schema';
import type { auditRecordSchema, loginEventSchema, verifyResponse } from '../../server/modules/platform/audit/schema';

export type { UserView, OrganizationView };
export type SessionView = z.infer<typeof sessionSchema>;
export type ApiTokenView = z.infer<typeof apiTokenSchema>;
export type NewApiToken = ApiTokenView & { token: string };
export type AuditRecord = z.infer<typeof auditRecordSchema>;
export type LoginEvent = z.infer<typeof loginEventSchema>;
export type VerifyResult = z.infer<typeof verifyResponse>;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Town {
  id: number;
  name: string;
  divisionCode: string | null;
}

export interface MeResponse {
  user: UserView;
  csrfToken: string | null;
}

export interface LoginResponse {
  user: UserView;
  csrfToken: string;
  expiresAt: string;
}

/** An uploaded file as POST /api/attachments answers (evidence, photos of the old item). */
export interface Attachment {
  id: number;
  filename: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: string;
}
