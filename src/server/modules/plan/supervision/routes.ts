import { z } from 'zod';
import type { ModulePlugin } from '../../../core/module.js';
import { shanghaiDate } from '../../../core/time.js';
import { sendXlsx } from '../../../http/excel.js';
import { idParams, pageOf, positiveId } from '../../../http/schema.js';
import { contentQuery, sendAttachment } from '../../platform/attachments/content.js';
import { listAlerts, refreshAlerts } from './alertService.js';
import { exportOrders } from './excel.js';
import { planAlertPolicy } from './policies/alert.js';
import { supervisionOrderPolicy } from './policies/order.js';
import {
  alertQuery,
  alertsSchema,
  feedbackBody,
  noteBody,
  orderDetailSchema,
  orderExportQuery,
  orderListQuery,
  orderSchema,
  raiseOrderBody,
  refreshBody,
  refreshSchema,
  returnOrderBody,
} from './schema.js';
import { closeOrder, feedbackOrder, getOrder, handleOrder, issueOrder, listOrders, raiseOrder, readOrderEvidence, returnOrder, signOrder } from './service.js';

const tags = ['plan supervision'];
const detail = { 200: orderDetailSchema };

export const supervisionRouteList: ModulePlugin = async (app, { deps }) => {
  app.get('/plan-orders', {
    config: { policy: { policy: supervisionOrderPolicy, action: 'list' } },
    schema: {
      tags,
      summary: 'Supervision orders (the office and auditors: all; a unit: those issued to it), filtered, searched, sorted',
      querystring: orderListQuery,
      response: { 200: pageOf(orderSchema) },
    },
    handler: (req) => listOrders(deps, req.ctx, req.query),
  });
  app.get('/plan-orders/export.xlsx', {
    config: { policy: { policy: supervisionOrderPolicy, action: 'export' } },
    schema: { tags, summary: 'Supervision orders as an Excel file, with the list filters and in the list order', querystring: orderExportQuery },
    handler: async (req, reply) => sendXlsx(reply, `督办单-${shanghaiDate()}.xlsx`, await exportOrders(deps, req.ctx, req.query)),
  });
  app.post('/plan-orders', {
    config: { policy: { policy: supervisionOrderPolicy, action: 'raise' } },
    schema: {
      tags,
      summary: 'Raise an order on an indicator, task or milestone to a unit (the office); `issue: true` issues it at once',
      body: raiseOrderBody,
      response: { 201: orderDetailSchema },
    },
    handler: async (req, reply) => reply.code(201).send(await raiseOrder(deps, req.ctx, req.body)),
  });
  app.get('/plan-orders/:id', {
    config: { policy: { policy: supervisionOrderPolicy, action: 'read' } },
    schema: { tags, summary: 'One order with its evidence, its timeline and what the caller may do now', params: idParams, response: detail },
    handler: (req) => getOrder(deps, req.ctx, req.params.id),
  });
  app.post('/plan-orders/:id/issue', {
    config: { policy: { policy: supervisionOrderPolicy, action: 'issue' } },
    schema: { tags, summary: 'Issue a drafted order to its unit (the office)', params: idParams, response: detail },
    handler: (req) => issueOrder(deps, req.ctx, req.params.id),
  });
  app.post('/plan-orders/:id/sign', {
    config: { policy: { policy: supervisionOrderPolicy, action: 'sign' } },
    schema: { tags, summary: 'Sign for an order issued to my unit', params: idParams, response: detail },
    handler: (req) => signOrder(deps, req.ctx, req.params.id),
  });
  app.post('/plan-orders/:id/handle', {
    config: { policy: { policy: supervisionOrderPolicy, action: 'handle' } },
    schema: { tags, summary: 'Mark an order in hand (after signing or a return), with an optional note', params: idParams, body: noteBody, response: detail },
    handler: (req) => handleOrder(deps, req.ctx, req.params.id, req.body?.note),
  });
  app.post('/plan-orders/:id/feedback', {
    config: { policy: { policy: supervisionOrderPolicy, action: 'feedback' } },
    schema: { tags, summary: 'Report back what my unit did, with evidence files', params: idParams, body: feedbackBody, response: detail },
    handler: (req) => feedbackOrder(deps, req.ctx, req.params.id, req.body),
  });
  app.post('/plan-orders/:id/close', {
    config: { policy: { policy: supervisionOrderPolicy, action: 'close' } },
    schema: { tags, summary: 'Close an order after reviewing its feedback (the office)', params: idParams, body: noteBody, response: detail },
    handler: (req) => closeOrder(deps, req.ctx, req.params.id, req.body?.note),
  });
  app.post('/plan-orders/:id/return', {
    config: { policy: { policy: supervisionOrderPolicy, action: 'return' } },
    schema: {
      tags,
      summary: 'Send the feedback back with a reason (the office): the unit handles it again',
      params: idParams,
      body: returnOrderBody,
      response: detail,
    },
    handler: (req) => returnOrder(deps, req.ctx, req.params.id, req.body.reason),
  });
  app.get('/plan-orders/:id/evidence/:attachmentId', {
    config: { policy: { policy: supervisionOrderPolicy, action: 'read' } },
    schema: {
      tags,
      summary: 'Open an evidence file of an order: photos and PDFs inline, others (and ?download=1) as a download; audited',
      params: idParams.extend({ attachmentId: positiveId }),
      querystring: contentQuery,
    },
    handler: async (req, reply) =>
      sendAttachment(reply, await readOrderEvidence(deps, req.ctx, req.params.id, req.params.attachmentId, req.query.download), req.query),
  });

  app.get('/plan-alerts', {
    config: { policy: { policy: planAlertPolicy, action: 'list' } },
    schema: {
      tags,
      summary: 'The three-colour alerts standing today (red first): indicators, and the orders the caller may read',
      querystring: alertQuery,
      response: { 200: alertsSchema },
    },
    handler: (req) => listAlerts(deps, req.ctx, req.query),
  });
  app.post('/plan-alerts/refresh', {
    config: { policy: { policy: planAlertPolicy, action: 'refresh' } },
    schema: {
      tags,
      summary: 'Recompute today’s alerts now (the office; the daily job does it otherwise) and tell units of new red or yellow ones',
      body: refreshBody,
      response: { 200: z.array(refreshSchema) },
    },
    handler: (req) => refreshAlerts(deps, req.ctx, req.body?.planId),
  });
};
