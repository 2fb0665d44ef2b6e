import type { Generated } from 'kysely';

/**
 * Notices (通知公告) and policy explanations (政策解读) the work team office publishes: to every unit, to chosen
 * organisations, or to the public. Units confirm they have read a notice addressed to them (签阅): who and when.
 */
export const NOTICE_STATUSES = ['draft', 'published', 'withdrawn'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

export const NOTICE_KINDS = ['notice', 'policy'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** `all`: every department and town; `units`: the organisations chosen; `public`: anyone, signed in or not. */
export const NOTICE_AUDIENCES = ['all', 'units', 'public'] as const;
export type NoticeAudience = (typeof NOTICE_AUDIENCES)[number];

export interface NoticeTable {
  id: Generated<number>;
  title: string;
  kind: NoticeKind;
  body: string;
  audience: NoticeAudience;
  status: NoticeStatus;
  published_at: string | null;
  published_by: number | null;
  withdrawn_at: string | null;
  withdraw_reason: string | null;
  created_by: number | null;
  is_demo: number;
  created_at: string;
  updated_at: string;
}

export interface NoticeRecipientTable {
  notice_id: number;
  organization_id: number;
}

/** One confirmation per organisation: the first of its accounts to confirm signs for it. */
export interface NoticeReadTable {
  notice_id: number;
  organization_id: number;
  user_id: number;
  confirmed_at: string;
}

export interface NoticeTables {
  notices: NoticeTable;
  notice_recipients: NoticeRecipientTable;
  notice_reads: NoticeReadTable;
}

declare module '../../../db/schema.js' {
  interface DatabaseSchema extends NoticeTables {}
}
