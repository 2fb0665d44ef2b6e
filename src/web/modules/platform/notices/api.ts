export const NOTICE_STATUSES = ['draft', 'published', 'withdrawn'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];
export const NOTICE_KINDS = ['notice', 'policy'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
export const NOTICE_AUDIENCES = ['all', 'units', 'public'] as const;
export type NoticeAudience = (typeof NOTICE_AUDIENCES)[number];

export interface NoticeView {
  id: number;
  title: string;
  kind: NoticeKind;
  audience: NoticeAudience;
  status: NoticeStatus;
  publishedAt: string | null;
  createdAt: string;
  confirmedAt: string | null;
  awaitsMyConfirmation: boolean;
  demo: boolean;
}

export interface NoticeDetailView extends NoticeView {
  body: string;
  recipients: { id: number; name: string }[];
  withdrawnAt: string | null;
  withdrawReason: string | null;
  confirmedBy: string | null;
  confirmations: { addressed: number; confirmed: number } | null;
  actions: string[];
  timeline: { id: number; action: string; toStatus: string; note: string | null; at: string }[];
}

export interface ReaderView {
  organization: { id: number; name: string; kind: string };
  confirmedAt: string | null;
  confirmedBy: string | null;
}

export interface PublicNoticeView {
  id: number;
  title: string;
  kind: NoticeKind;
  body: string;
  publishedAt: string;
  demo: boolean;
}

export const noticeKeys = {
  all: ['notices'] as const,
  list: (q: object) => ['notices', 'list', q] as const,
  one: (id: number) => ['notices', 'one', id] as const,
  readers: (id: number, q: object) => ['notices', 'readers', id, q] as const,
};
