import './tables.js';

/** Notices (通知公告) and policy explanations to units and the public, with read confirmations (签阅). */
export { noticeRoutes } from './routes.js';
export { noticeMigrations } from './migrations.js';
export { noticeMessages } from './messages.js';
export { seedNoticesDemo } from './seed.js';
export type { NoticeTables } from './tables.js';
