import { z } from 'zod';
import { listQuery, pageOf } from '../../../http/schema.js';

export const auditRecordSchema = z.object({
  id: z.number().int(),
  chain: z.string(),
  at: z.string(),
  actorUserId: z.number().int().nullable(),
  actorUsername: z.string().nullable(),
  actorRole: z.string().nullable(),
  organizationId: z.number().int().nullable(),
  entity: z.string(),
  entityId: z.string().nullable(),
  action: z.string(),
  outcome: z.enum(['ok', 'denied']),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
  hash: z.string(),
});

const auditFilters = z.object({
  entity: z.string().max(60).optional(),
  entityId: z.string().max(60).optional(),
  action: z.string().max(60).optional(),
  actor: z.string().max(100).optional(),
  outcome: z.enum(['ok', 'denied']).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export const listAuditQuery = listQuery(['at'] as const).extend(auditFilters.shape);
export type AuditFilters = z.infer<typeof auditFilters>;
export const exportAuditQuery = auditFilters;
export const auditPage = pageOf(auditRecordSchema);

export const verifyResponse = z.object({
  ok: z.boolean(),
  records: z.number().int(),
  chains: z.number().int().optional(),
  brokenId: z.number().int().nullable().optional(),
  chain: z.string().optional(),
  reason: z.enum(['hash', 'link', 'head']).optional(),
});

export const loginEventSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  username: z.string(),
  userId: z.number().int().nullable(),
  success: z.boolean(),
  reason: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});
const loginFilters = z.object({
  username: z.string().max(100).optional(),
  success: z.enum(['true', 'false']).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export type LoginFilters = z.infer<typeof loginFilters>;
export const listLoginEventsQuery = listQuery(['at'] as const).extend(loginFilters.shape);
export const exportLoginEventsQuery = loginFilters;
export const loginEventPage = pageOf(loginEventSchema);
