import type { ModulePlugin } from '../../../core/module.js';
import { sendXlsx, workbookBuffer } from '../../../http/excel.js';
import { auditPolicy } from '../policies/audit.js';
import { auditPage, exportAuditQuery, exportLoginEventsQuery, listAuditQuery, listLoginEventsQuery, loginEventPage, verifyResponse } from './schema.js';
import { auditWorkbook } from './exportWorkbook.js';
import { exportAudit, exportLoginEvents, listAudit, listLoginEvents, verifyAudit } from './service.js';

const tags = ['audit'];

export const auditRoutes: ModulePlugin = async (app, { deps }) => {
  app.get('/audit', {
    config: { policy: { policy: auditPolicy, action: 'read' } },
    schema: { tags, summary: 'Browse the audit trail', querystring: listAuditQuery, response: { 200: auditPage } },
    handler: (req) => listAudit(deps, req.ctx, req.query),
  });
  app.get('/audit/verify', {
    config: { policy: { policy: auditPolicy, action: 'verify' } },
    schema: { tags, summary: 'Recompute the hash chains and report the first broken record', response: { 200: verifyResponse } },
    handler: (req) => verifyAudit(deps, req.ctx),
  });
  app.get('/audit/export', {
    config: { policy: { policy: auditPolicy, action: 'export' } },
    schema: {
      tags,
      summary: "The auditor's export (Excel): the filtered records, the chain verification made now, each chain's head; audited",
      querystring: exportAuditQuery,
    },
    handler: async (req, reply) => {
      const data = await exportAudit(deps, req.ctx, req.query);
      const buffer = await auditWorkbook(data, req.query, req.ctx.locale, req.ctx.actor.username);
      return sendXlsx(reply, req.ctx.locale === 'zh-CN' ? '审计日志.xlsx' : 'audit-trail.xlsx', buffer);
    },
  });
  app.get('/login-events', {
    config: { policy: { policy: auditPolicy, action: 'readLogins' } },
    schema: { tags, summary: 'The login log (successes and failures)', querystring: listLoginEventsQuery, response: { 200: loginEventPage } },
    handler: (req) => listLoginEvents(deps, req.ctx, req.query),
  });
  app.get('/login-events/export.xlsx', {
    config: { policy: { policy: auditPolicy, action: 'readLogins' } },
    schema: { tags, summary: 'Export the login log to Excel', querystring: exportLoginEventsQuery },
    handler: async (req, reply) => {
      const rows = await exportLoginEvents(deps, req.ctx, req.query);
      const zh = req.ctx.locale === 'zh-CN';
      const buffer = await workbookBuffer({
        name: zh ? '登录日志' : 'Login log',
        rows,
        columns: [
          { header: zh ? '时间' : 'Time', value: (r) => r.at, width: 24 },
          { header: zh ? '用户名' : 'Username', value: (r) => r.username, width: 18 },
          { header: zh ? '结果' : 'Result', value: (r) => (r.success ? (zh ? '成功' : 'success') : zh ? '失败' : 'failure'), width: 8 },
          { header: zh ? '原因' : 'Reason', value: (r) => r.reason, width: 18 },
          { header: zh ? '客户端地址' : 'Client address', value: (r) => r.ip, width: 16 },
          { header: 'User-Agent', value: (r) => r.userAgent, width: 50 },
        ],
      });
      return sendXlsx(reply, zh ? '登录日志.xlsx' : 'login-log.xlsx', buffer);
    },
  });
};
